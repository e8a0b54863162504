import type { Pool } from 'pg'

import { SEARCH_SCHEMA } from '../../../../shared/postgres'
import type { EngineQuery } from '../../../types'
import { changesTable, generationKey } from '../schema'
import { type AnalyzedText, evaluate, type MemoryResult, prepareOrders } from './evaluate'
import { addRow, type Copy, emptyCopy, removeRow, type Row } from './layout'

/** Rows read per round trip while loading. */
const LOAD_BATCH = 10_000
/** Change-log entries are kept this long; a copy idle for longer reloads instead of catching up. */
const MAX_IDLE_MS = 6 * 60 * 60 * 1000
/** A copy with more replaced rows than this share of its live ones is rebuilt in the background. */
const MAX_DEAD_SHARE = 0.25

const selectRows = (table: string) => `
SELECT id, name_folded, tsv::text AS tsv, category_slugs, region, price_range, price_rank,
  rating_average::float8 AS rating_average, rating_score::float8 AS rating_score, rating_count,
  tier_boost, verified, lat, lng,
  ARRAY(SELECT d FROM unnest(unavailable) r,
    LATERAL (VALUES (lower(r) - DATE '1970-01-01'), (upper(r) - DATE '1970-01-01')) bound(d)) AS closed
FROM ${SEARCH_SCHEMA}.${table}`

/**
 * A copy of the PostgreSQL search table held in this process, columnar, with an inverted index
 * of the table's own tsvectors. PostgreSQL stays the index of record — every write goes there
 * first, and words are still analysed by its text search and pg_trgm — but counting facets
 * over tens of thousands of matches is a memory scan here rather than a table scan there.
 *
 * It stays exact across app instances: every write to the table also writes the vendor ids to
 * a change log in the same statement, stamped with its transaction id. Before each search the
 * copy reads the log from the oldest transaction that was still running at its last read
 * (`pg_snapshot_xmin`), so a write committed late is never skipped, and re-reads those rows.
 * A rebuild changes the table's generation and the copy reloads beside the one it serves from.
 */
export const memoryIndex = ({ pool, table }: { pool: Pick<Pool, 'query'>; table: string }) => {
  const changes = changesTable(table)
  const generationMetaKey = generationKey(table)

  const readState = async (since: string | null) => {
    const { rows } = await pool.query<{
      horizon: string
      generation: string | null
      ids: number[]
    }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
        (SELECT value FROM ${SEARCH_SCHEMA}.meta WHERE key = $1) AS generation,
        CASE WHEN $2::text IS NULL THEN '{}'::int[]
          ELSE ARRAY(SELECT DISTINCT id FROM ${SEARCH_SCHEMA}.${changes} WHERE xid >= $2::xid8) END AS ids`,
      [generationMetaKey, since],
    )
    return rows[0]!
  }

  const loadRows = async (copy: Copy, ids?: number[]) => {
    if (ids) {
      const { rows } = await pool.query<Row>(`${selectRows(table)} WHERE id = ANY($1::int[])`, [
        ids,
      ])
      const found = new Set(rows.map((row) => row.id))
      for (const id of ids) if (!found.has(id)) removeRow(copy, id)
      for (const row of rows) addRow(copy, row)
      return
    }
    for (let after = -1; ;) {
      const { rows } = await pool.query<Row>(
        `${selectRows(table)} WHERE id > $1 ORDER BY id LIMIT ${LOAD_BATCH}`,
        [after],
      )
      for (const row of rows) addRow(copy, row)
      if (rows.length < LOAD_BATCH) return
      after = rows.at(-1)!.id
      // Let searches served from the previous copy run between batches.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  const loadCopy = async (): Promise<Copy> => {
    const state = await readState(null)
    latestGeneration = state.generation
    const copy = emptyCopy(state.generation, state.horizon)
    await loadRows(copy)
    prepareOrders(copy)
    return copy
  }

  let current: Copy | null = null
  /** Goes up whenever the copy changes: what is remembered about it is valid while it stays. */
  let version = 0
  /** The table's generation as last read; a copy of another generation is not used. */
  let latestGeneration: string | null = null
  let loading: Promise<void> | null = null
  let running: Promise<void> | null = null
  let queued: Promise<void> | null = null

  const reloadInBackground = () => {
    loading ??= loadCopy()
      .then((copy) => {
        current = copy
        version += 1
      })
      .finally(() => {
        loading = null
      })
    loading.catch(() => undefined)
  }

  const catchUp = async () => {
    const copy = current
    if (!copy || Date.now() - copy.syncedAt > MAX_IDLE_MS) {
      // Never loaded, or idle past the change log's memory: searches use SQL until it is loaded.
      current = null
      reloadInBackground()
      return
    }
    const state = await readState(copy.horizon)
    if (state.ids.length) {
      await loadRows(copy, state.ids)
      version += 1
    }
    copy.horizon = state.horizon
    copy.syncedAt = Date.now()
    latestGeneration = state.generation
    const dead = copy.ids.length - copy.liveCount
    if (
      state.generation !== copy.generation ||
      dead > Math.max(1000, copy.liveCount * MAX_DEAD_SHARE)
    ) {
      reloadInBackground()
    }
  }

  /**
   * Brings the copy up to date. A caller waits for a read that began after it asked, so it sees
   * every write committed before its search; concurrent searches share one read.
   */
  const refresh = (): Promise<void> => {
    if (!running) {
      running = catchUp().finally(() => {
        running = null
      })
      return running
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null
        return refresh()
      })
    return queued
  }

  /** The copy is loaded and of the table's current generation (after a rebuild it is not, for a while). */
  const ready = () => current !== null && current.generation === latestGeneration

  /** Runs a search on the copy as it is now; `refresh()` first, and only when `ready()`. */
  const search = (query: EngineQuery, text: AnalyzedText | null): MemoryResult => {
    if (!current || !ready()) throw new Error('The in-memory search copy is not loaded')
    return evaluate(current, query, text)
  }

  return {
    refresh,
    ready,
    version: () => version,
    search,
    /** Loads the copy now (at start-up) rather than on the first search; resolves once it is ready. */
    warm: async () => {
      await refresh()
      while (loading) {
        await loading
        await refresh()
      }
    },
    stats: () => ({
      ready: ready(),
      documents: current?.liveCount ?? 0,
      lexemes: current?.postings.size ?? 0,
    }),
  }
}

export type MemoryIndex = ReturnType<typeof memoryIndex>
