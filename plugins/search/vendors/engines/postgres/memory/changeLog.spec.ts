import type { Pool } from 'pg'

import { vendorQuery } from '../../../types'
import { memoryIndex } from './changeLog'
import type { Row } from './layout'
import { ROWS } from './testFixtures'

/**
 * The search table, its change log and its generation as the copy reads them, answering the
 * three statements the copy sends (its state, some rows by id, all rows in id order) the way
 * PostgreSQL would; every write is committed at once.
 */
const fakeDatabase = () => {
  const table = new Map<number, Row>()
  const log: { xid: number; id: number }[] = []
  let xid = 1
  const db = {
    generation: 'generation-1' as string | null,
    stateReads: 0,
    write: (row: Row) => {
      table.set(row.id, row)
      log.push({ xid: xid++, id: row.id })
    },
    delete: (id: number) => {
      table.delete(id)
      log.push({ xid: xid++, id })
    },
    /** A rebuild: a whole new table that writes no change log, and a new generation. */
    rebuild: (rows: Row[], generation: string) => {
      table.clear()
      for (const row of rows) table.set(row.id, row)
      db.generation = generation
    },
    pool: {
      query: async (sql: string, values: unknown[]) => {
        if (sql.includes('pg_snapshot_xmin')) {
          db.stateReads += 1
          const since = values[1] as string | null
          const ids =
            since === null ? [] : log.filter((e) => e.xid >= Number(since)).map((e) => e.id)
          return {
            rows: [{ horizon: String(xid), generation: db.generation, ids: [...new Set(ids)] }],
          }
        }
        if (sql.includes('= ANY($1::int[])')) {
          const wanted = values[0] as number[]
          return { rows: wanted.flatMap((id) => (table.has(id) ? [table.get(id)!] : [])) }
        }
        const after = values[0] as number
        return { rows: [...table.values()].filter((r) => r.id > after).sort((a, b) => a.id - b.id) }
      },
    } as unknown as Pick<Pool, 'query'>,
  }
  for (const row of ROWS) db.write(row)
  return db
}

const everything = vendorQuery({ sort: 'rating', facets: false })

describe('keeping the in-memory copy equal to the table through its change log', () => {
  it('is not used until it is loaded, and loads in the background', async () => {
    const db = fakeDatabase()
    const memory = memoryIndex({ pool: db.pool, table: 'vendors' })
    expect(memory.ready()).toBe(false)
    expect(() => memory.search(everything, null)).toThrow(/not loaded/)
    await memory.warm()
    expect(memory.ready()).toBe(true)
    expect(memory.stats()).toEqual({ ready: true, documents: 3, lexemes: expect.any(Number) })
    expect(memory.search(everything, null).ids).toEqual([1, 2, 3])
  })

  it('re-reads the rows the log names: created, changed and deleted ones', async () => {
    const db = fakeDatabase()
    const memory = memoryIndex({ pool: db.pool, table: 'vendors' })
    await memory.warm()
    const before = memory.version()
    db.write({ ...ROWS[0]!, id: 4, rating_score: 5 })
    db.write({ ...ROWS[2]!, rating_score: 4.9 })
    db.delete(2)
    await memory.refresh()
    expect(memory.search(everything, null).ids).toEqual([4, 3, 1])
    expect(memory.version()).toBeGreaterThan(before)
    // Nothing new in the log: the copy, and so what is remembered about it, stays as it is.
    const unchanged = memory.version()
    await memory.refresh()
    expect(memory.version()).toBe(unchanged)
  })

  it('stops answering from a copy of an older generation, and reloads', async () => {
    const db = fakeDatabase()
    const memory = memoryIndex({ pool: db.pool, table: 'vendors' })
    await memory.warm()
    db.rebuild([ROWS[0]!], 'generation-2')
    await memory.refresh()
    expect(memory.ready()).toBe(false)
    await memory.warm()
    expect(memory.ready()).toBe(true)
    expect(memory.search(everything, null).ids).toEqual([1])
  })

  it('lets searches that arrive together share one read of the log', async () => {
    const db = fakeDatabase()
    const memory = memoryIndex({ pool: db.pool, table: 'vendors' })
    await memory.warm()
    const reads = db.stateReads
    await Promise.all([memory.refresh(), memory.refresh(), memory.refresh(), memory.refresh()])
    // One read already under way, and one more that began after the rest asked.
    expect(db.stateReads - reads).toBe(2)
  })
})
