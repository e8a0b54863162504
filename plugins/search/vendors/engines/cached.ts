import type { EngineQuery, EngineResult, SearchEngine } from '../types'

export type CachedEngine = SearchEngine & {
  /** Forgets every cached result, and whatever the engine itself remembers. */
  clear(): void
  stats(): { hits: number; misses: number; entries: number }
}

/**
 * Remembers search results for a few seconds. Any write through this engine (the sync jobs
 * this instance runs, a rebuild) forgets them at once; results written by another instance
 * are at most `ttlMs` old — about what the sync delay already is.
 */
export const cachedEngine = (
  engine: SearchEngine,
  { ttlMs, maxEntries }: { ttlMs: number; maxEntries: number },
): CachedEngine => {
  const entries = new Map<string, { at: number; result: Promise<EngineResult> }>()
  let hits = 0
  let misses = 0
  const clear = () => {
    entries.clear()
    engine.forget?.()
  }
  const search = (query: EngineQuery): Promise<EngineResult> => {
    const key = JSON.stringify(query)
    const now = Date.now()
    const cached = entries.get(key)
    if (cached && now - cached.at < ttlMs) {
      hits += 1
      // Most recently used last, so the oldest is evicted first.
      entries.delete(key)
      entries.set(key, cached)
      return cached.result
    }
    misses += 1
    const result = engine.search(query)
    entries.set(key, { at: now, result })
    result.catch(() => entries.delete(key))
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
    return result
  }
  return {
    name: engine.name,
    ensureIndex: () => engine.ensureIndex(),
    upsert: async (docs) => {
      await engine.upsert(docs)
      clear()
    },
    delete: async (ids) => {
      await engine.delete(ids)
      clear()
    },
    search,
    warm: async () => {
      await engine.warm?.()
    },
    health: () => engine.health(),
    rebuild: async (batches) => {
      const result = await engine.rebuild(batches)
      clear()
      return result
    },
    clear,
    stats: () => ({ hits, misses, entries: entries.size }),
  }
}
