import type { EngineQuery, EngineResult, SearchEngine } from '../types'
import { cachedEngine } from './cached'

const query = (text: string) => ({ text, page: 1 }) as unknown as EngineQuery

const countingEngine = () => {
  let searches = 0
  const engine: SearchEngine = {
    name: 'postgres',
    ensureIndex: async () => undefined,
    upsert: async () => undefined,
    delete: async () => undefined,
    search: async () => {
      searches += 1
      return { hits: [], total: searches, facets: null } satisfies EngineResult
    },
    health: async () => ({ ok: true, documents: 0 }),
    rebuild: async () => ({ documents: 0 }),
  }
  return { engine, searches: () => searches }
}

describe('the search result cache', () => {
  it('answers a repeated search from memory until a write', async () => {
    const { engine, searches } = countingEngine()
    const cached = cachedEngine(engine, { ttlMs: 60_000, maxEntries: 10 })
    expect((await cached.search(query('dj'))).total).toBe(1)
    expect((await cached.search(query('dj'))).total).toBe(1)
    expect(searches()).toBe(1)
    await cached.upsert([])
    expect((await cached.search(query('dj'))).total).toBe(2)
    await cached.delete([1])
    expect((await cached.search(query('dj'))).total).toBe(3)
    expect(cached.stats()).toEqual(expect.objectContaining({ hits: 1, misses: 3 }))
  })

  it('forgets results after the time to live and keeps at most maxEntries', async () => {
    const { engine, searches } = countingEngine()
    const cached = cachedEngine(engine, { ttlMs: 20, maxEntries: 2 })
    await cached.search(query('a'))
    await new Promise((resolve) => setTimeout(resolve, 30))
    await cached.search(query('a'))
    expect(searches()).toBe(2)
    await cached.search(query('b'))
    await cached.search(query('c'))
    expect(cached.stats().entries).toBe(2)
  })

  it('does not keep a failed search', async () => {
    let fail = true
    const engine = {
      ...countingEngine().engine,
      search: async () => {
        if (fail) throw new Error('down')
        return { hits: [], total: 7, facets: null }
      },
    }
    const cached = cachedEngine(engine, { ttlMs: 60_000, maxEntries: 10 })
    await expect(cached.search(query('x'))).rejects.toThrow('down')
    fail = false
    expect((await cached.search(query('x'))).total).toBe(7)
  })
})
