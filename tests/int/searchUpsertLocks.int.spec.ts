import type pg from 'pg'

import { postgresEngine, type SearchEngine, type VendorSearchDocument } from '../../plugins/search'
import { createScratchDatabase, FIXTURE_DOCUMENTS } from '../helpers/searchFixtures'

/**
 * Payload runs a batch of sync jobs at once, so upserts of vendors that share words run side by
 * side. Each takes locks as it writes — a word new to the typo dictionary, a vendor's row — and
 * two upserts taking them in different orders each wait for the other: PostgreSQL aborts one
 * ("deadlock detected") and that vendor is missing until its job's retry (map search's spec saw
 * it, once in a few runs). Here the interleaving that deadlocked is forced: a third transaction
 * holds the first contested lock until both upserts are waiting, then lets go.
 */

let database: { pool: pg.Pool; drop: () => Promise<void> }
let engine: SearchEngine

beforeAll(async () => {
  database = await createScratchDatabase('upsert_locks')
  engine = postgresEngine({ pool: database.pool, executor: 'sql' })
  await engine.ensureIndex()
})

afterAll(async () => {
  await database?.drop()
})

const vendor = (id: number, businessName: string, category: string): VendorSearchDocument => ({
  ...FIXTURE_DOCUMENTS[0]!,
  id,
  businessName,
  tagline: null,
  city: 'Wellington',
  region: 'wellington',
  regionLabel: 'Wellington',
  categories: [{ slug: category.toLowerCase(), name: category }],
})

/** Resolves once `count` lock requests in this database are waiting. */
const waitingLocks = async (count: number) => {
  for (let tries = 0; tries < 400; tries++) {
    const { rows } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE NOT l.granted AND a.datname = current_database()`,
    )
    if (rows[0]!.n >= count) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`${count} lock requests never waited at once`)
}

/**
 * Starts `first`, lets it block on what `hold` locked, starts `second` and lets it block too,
 * then ends the holder's transaction; how each upsert ended.
 */
const raceBehind = async (
  hold: (client: pg.PoolClient) => Promise<unknown>,
  end: 'COMMIT' | 'ROLLBACK',
  first: VendorSearchDocument[],
  second: VendorSearchDocument[],
) => {
  const holder = await database.pool.connect()
  try {
    await holder.query('BEGIN')
    await hold(holder)
    const one = engine.upsert(first)
    await waitingLocks(1)
    const two = engine.upsert(second)
    await waitingLocks(2)
    await holder.query(end)
    const settled = await Promise.allSettled([one, two])
    return settled.map((result) =>
      result.status === 'fulfilled' ? 'written' : (result.reason as Error).message,
    )
  } finally {
    holder.release()
  }
}

describe('upserts running at once', () => {
  it('write two vendors that share words new to the dictionary, neither aborted', async () => {
    // 'cuba', 'street' and 'wellington' are in both; 'cuba' is held until both upserts wait.
    const outcome = await raceBehind(
      (holder) => holder.query(`INSERT INTO search.vendor_terms (term) VALUES ('cuba')`),
      'ROLLBACK',
      [vendor(101, 'Cuba Street Photography', 'Photographers')],
      [vendor(102, 'Cuba Street Catering', 'Caterers')],
    )
    expect(outcome).toEqual(['written', 'written'])
    const { rows } = await database.pool.query<{ id: number }>(
      `SELECT id FROM search.vendors WHERE id IN (101, 102) ORDER BY id`,
    )
    expect(rows.map((row) => row.id)).toEqual([101, 102])
  })

  it('write the same vendors given in different orders, neither aborted', async () => {
    const florist = vendor(105, 'Aro Valley Florist', 'Florists')
    const cakes = vendor(109, 'Newtown Cakes', 'Cakes')
    await engine.upsert([florist, cakes])
    // Both rows exist (so each upsert locks them as it updates them) and their words are known.
    const outcome = await raceBehind(
      (holder) => holder.query(`SELECT 1 FROM search.vendors WHERE id = 105 FOR UPDATE`),
      'COMMIT',
      [florist, cakes],
      [cakes, florist],
    )
    expect(outcome).toEqual(['written', 'written'])
  })
})
