import type { Pool, PoolClient } from 'pg'

import { withTransaction } from '@/lib/kit/transaction'

import { SearchEngineError } from '../../../shared/engine'
import { SEARCH_SCHEMA } from '../../../shared/postgres'
import { foldText } from '../../../shared/text'
import { matchTypos, VENDOR_TYPO_SIZES } from '../../../shared/typos'
import type {
  EngineQuery,
  EngineResult,
  FacetCounts,
  SearchEngine,
  VendorSearchDocument,
} from '../../types'
import { memoryIndex } from './memory/changeLog'
import type { AnalyzedText } from './memory/evaluate'
import { buildSearchSql, type TextQuery } from './query'
import {
  changesTable,
  createChangesSql,
  createIndexesSql,
  createTableSql,
  docsTable,
  generationKey,
  INDEX_KEYS,
  pruneChangesSql,
  SCHEMA_VERSION,
  setupSql,
  upsertSql,
} from './schema'

export type PostgresEngineOptions = {
  /** A pool on the app's database (Payload's own, `payload.db.pool`). */
  pool: Pool
  /** @default 'vendors' */
  table?: string
  /**
   * Where searches run. `memory`: matching, facets and ordering on this process's copy of the
   * index table (kept exact by a change log; see memory/changeLog.ts), documents read from PostgreSQL.
   * `sql`: all in one SQL statement on the table's GIN/GiST/btree indexes — no memory held,
   * slower on broad searches (facets count every match).
   * @default 'memory'
   */
  executor?: 'memory' | 'sql'
}

const MAX_WORDS = 10
/** Analysed queries and hit documents remembered per instance (each entry is exact; see below). */
const MEMO_ENTRIES = 5000
/**
 * Known words pg_trgm proposes for an unknown query word, the most similar first, before the
 * typo rule keeps some. Any word within two typos shares a trigram with it (the padded first
 * letter, or the letters after a first-letter typo), so `similarity > 0` misses none; a
 * transposition in a short word ("faest") shares too few for pg_trgm's `%` threshold.
 */
const TYPO_CANDIDATES = 100

const words = (value: string): string[] =>
  foldText(value)
    .split(' ')
    .filter(Boolean)
    .map((word) => word.slice(0, 40))
    .slice(0, MAX_WORDS)

/** The words a document is found by, for the typo dictionary. */
const documentTerms = (doc: VendorSearchDocument): string[] =>
  words(
    [
      doc.businessName,
      doc.tagline ?? '',
      doc.city,
      doc.regionLabel,
      ...doc.categories.map((c) => c.name),
    ].join(' '),
  )

export const postgresEngine = ({
  pool,
  table = 'vendors',
  executor = 'memory',
}: PostgresEngineOptions): SearchEngine & Required<Pick<SearchEngine, 'warm'>> => {
  if (!/^[a-z_][a-z0-9_]*$/.test(table))
    throw new SearchEngineError(`Invalid table name "${table}"`)
  let ready: Promise<void> | undefined
  const memory = executor === 'memory' ? memoryIndex({ pool, table }) : null

  const ensureIndex = (): Promise<void> => {
    ready ??= (async () => {
      const client = await pool.connect()
      try {
        // One process at a time sets up, so two app instances starting together do not race.
        await client.query(`SELECT pg_advisory_lock(hashtext('eventpros-search-schema'))`)
        await client.query(setupSql)
        const key = `${table}_version`
        const { rows } = await client.query<{ value: string }>(
          `SELECT value FROM ${SEARCH_SCHEMA}.meta WHERE key = $1`,
          [key],
        )
        if (rows[0]?.value !== SCHEMA_VERSION) {
          await client.query(
            `DROP TABLE IF EXISTS ${SEARCH_SCHEMA}.${table}, ${SEARCH_SCHEMA}.${docsTable(table)}, ${SEARCH_SCHEMA}.${changesTable(table)}`,
          )
        }
        await client.query(createTableSql(table))
        await client.query(createChangesSql(table))
        await client.query(pruneChangesSql(table))
        for (const sql of createIndexesSql(table)) await client.query(sql)
        await client.query(
          `INSERT INTO ${SEARCH_SCHEMA}.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key, SCHEMA_VERSION],
        )
      } finally {
        await client
          .query(`SELECT pg_advisory_unlock(hashtext('eventpros-search-schema'))`)
          .catch(() => undefined)
        client.release()
      }
    })().catch((error: unknown) => {
      ready = undefined
      throw error
    })
    return ready
  }

  const writeDocuments = async (
    client: Pool | PoolClient,
    target: string,
    docs: VendorSearchDocument[],
  ) => {
    if (!docs.length) return
    await client.query(upsertSql(target, { logChanges: target === table }), [
      JSON.stringify(docs),
      [...new Set(docs.flatMap(documentTerms))],
    ])
  }

  /**
   * What each query word may match, worked out by PostgreSQL. A word the index has never seen
   * gets the known words closest to it by trigram similarity as candidates, of which only those
   * within its typo budget under Meilisearch's rule (shared/typos.ts) are kept; every option
   * also matches as its English stem; the last word matches as a prefix, so results follow
   * the typing.
   */
  const analyzeText = async (text: string): Promise<AnalyzedText | null> => {
    const tokens = words(text)
    if (!tokens.length) return null
    const { rows } = await pool.query<{ options: string[]; stems: string[][] }>(
      `SELECT options,
         ARRAY(SELECT to_jsonb(tsvector_to_array(to_tsvector('english', o))) FROM unnest(options) WITH ORDINALITY u(o, i) ORDER BY i) AS stems
       FROM (
         SELECT t.n, CASE
           WHEN EXISTS (SELECT 1 FROM ${SEARCH_SCHEMA}.vendor_terms WHERE term = t.token)
             OR (t.last AND EXISTS (SELECT 1 FROM ${SEARCH_SCHEMA}.vendor_terms WHERE term LIKE t.token || '%'))
           THEN ARRAY[t.token]
           ELSE t.token || ARRAY(SELECT term FROM ${SEARCH_SCHEMA}.vendor_terms
             WHERE length(t.token) >= $2
               AND (t.last OR abs(length(term) - length(t.token)) <= 2)
               AND similarity(CASE WHEN t.last THEN left(term, length(t.token) + 2) ELSE term END, t.token) > 0
             ORDER BY similarity(term, t.token) DESC, term LIMIT $3)
         END AS options
         FROM unnest($1::text[]) WITH ORDINALITY AS t0(token, n),
           LATERAL (SELECT t0.token, t0.n, t0.n = array_length($1::text[], 1) AS last) t
       ) analysed
       ORDER BY n`,
      [tokens, VENDOR_TYPO_SIZES.oneTypo, TYPO_CANDIDATES],
    )
    return {
      tokens: rows.map((row, index) => {
        // The word itself, then the candidates the typo rule accepts (the closest four).
        const prefix = index === rows.length - 1
        const kept = row.options
          .map((option, i) => ({ option, stems: row.stems[i] ?? [] }))
          .filter(
            ({ option }, i) =>
              i === 0 ||
              matchTypos(row.options[0]!, option, { prefix, sizes: VENDOR_TYPO_SIZES }) !== null,
          )
          .slice(0, 5)
        const options = kept.map((k) => k.option)
        const stems = [...new Set(kept.flatMap((k) => k.stems))]
        return {
          options,
          lexemes: [...new Set([...options, ...stems])],
          prefix,
          stopword: stems.length === 0,
        }
      }),
      folded: tokens.join(' '),
    }
  }

  /** The analysed words as a tsquery source: words joined by &, typo alternatives by |. */
  const toTextQuery = (text: AnalyzedText): TextQuery => ({
    tsquery: text.tokens
      .map((token) => {
        const prefix = token.prefix ? ':*' : ''
        return `(${token.options.map((option) => `'${option}'${prefix}`).join(' | ')})`
      })
      .join(' & '),
    folded: text.folded,
  })

  const readDocuments = async (ids: number[]): Promise<Map<number, VendorSearchDocument>> => {
    if (!ids.length) return new Map()
    const { rows } = await pool.query<{ id: number; doc: VendorSearchDocument }>(
      `SELECT id, doc FROM ${SEARCH_SCHEMA}.${docsTable(table)} WHERE id = ANY($1::int[])`,
      [ids],
    )
    return new Map(rows.map((row) => [row.id, row.doc]))
  }

  /**
   * What a search on the in-memory copy would otherwise work out again: the analysis of its
   * words (which depends on the dictionary), the documents of its hits, and whole results.
   * Each is kept only while the copy's version is the one it was read at: any write the copy
   * applies — words and documents arrive in the same statement as the log entry — forgets them
   * all, so what is remembered is never stale (as a search engine's request cache is emptied on
   * each index refresh).
   */
  const analyses = new Map<string, AnalyzedText | null>()
  const documents = new Map<number, VendorSearchDocument>()
  const results = new Map<string, EngineResult>()
  let memoVersion = -1
  const forget = () => {
    analyses.clear()
    documents.clear()
    results.clear()
  }
  const remember = <K, V>(map: Map<K, V>, key: K, value: V) => {
    if (map.size >= MEMO_ENTRIES) map.delete(map.keys().next().value!)
    map.set(key, value)
  }

  const searchInMemory = async (
    copy: NonNullable<typeof memory>,
    query: EngineQuery,
  ): Promise<EngineResult> => {
    if (memoVersion !== copy.version()) {
      forget()
      memoVersion = copy.version()
    }
    const readAt = memoVersion
    const key = JSON.stringify(query)
    const known = results.get(key)
    if (known) return known
    let analyzed: AnalyzedText | null = null
    if (query.text) {
      if (analyses.has(query.text)) analyzed = analyses.get(query.text)!
      else {
        analyzed = await analyzeText(query.text)
        if (copy.version() === readAt) remember(analyses, query.text, analyzed)
      }
    }
    const result = copy.search(query, analyzed)
    const missing = result.ids.filter((id) => !documents.has(id))
    const read = await readDocuments(missing)
    const answer: EngineResult = {
      hits: result.ids.flatMap((id) => {
        const document = documents.get(id) ?? read.get(id)
        return document ? [{ document }] : []
      }),
      total: result.total,
      facets: result.facets,
    }
    if (copy.version() === readAt) {
      for (const [id, doc] of read) remember(documents, id, doc)
      remember(results, key, answer)
    }
    return answer
  }

  /**
   * Searches this process's copy of the table when it is loaded and current; until then (start-up,
   * just after a rebuild) the same search runs as one SQL statement.
   */
  const search = async (query: EngineQuery): Promise<EngineResult> => {
    await ensureIndex()
    if (memory) {
      await memory.refresh()
      if (memory.ready()) return searchInMemory(memory, query)
    }
    const analyzed = query.text ? await analyzeText(query.text) : null
    const sql = buildSearchSql(table, query, analyzed && toTextQuery(analyzed))
    const { rows } = await pool.query<{
      summary: { total: number; verified?: number; ratings?: Record<string, number> }
      hits: VendorSearchDocument[]
      categories?: Record<string, number>
      regions?: Record<string, number>
      priceRanges?: Record<string, number>
    }>(sql.text, sql.values)
    const row = rows[0]!
    const { summary } = row
    const facets: FacetCounts | null = query.facets
      ? {
          categories: row.categories ?? {},
          regions: row.regions ?? {},
          priceRanges: row.priceRanges ?? {},
          ratings: summary.ratings ?? {},
          verified: Number(summary.verified ?? 0),
        }
      : null
    return {
      hits: row.hits.map((document) => ({ document })),
      total: Number(summary.total),
      facets,
    }
  }

  return {
    name: 'postgres',
    ensureIndex,
    upsert: async (docs) => {
      await ensureIndex()
      await writeDocuments(pool, table, docs)
    },
    delete: async (ids) => {
      await ensureIndex()
      if (ids.length)
        await pool.query(
          `WITH docs AS (DELETE FROM ${SEARCH_SCHEMA}.${docsTable(table)} WHERE id = ANY($1::int[])),
             logged AS (INSERT INTO ${SEARCH_SCHEMA}.${changesTable(table)} (id) SELECT unnest($1::int[]))
           DELETE FROM ${SEARCH_SCHEMA}.${table} WHERE id = ANY($1::int[])`,
          [ids],
        )
    },
    search,
    forget,
    warm: async () => {
      await ensureIndex()
      await memory?.warm()
    },
    health: async () => {
      try {
        await ensureIndex()
        const { rows } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${SEARCH_SCHEMA}.${table}`,
        )
        return { ok: true, documents: rows[0]!.n, ...(memory ? { memory: memory.stats() } : {}) }
      } catch (error) {
        return { ok: false, documents: null, error: (error as Error).message }
      }
    },
    rebuild: async (batches) => {
      await ensureIndex()
      const building = `${table}_rebuild`
      await pool.query(
        `DROP TABLE IF EXISTS ${SEARCH_SCHEMA}.${building}, ${SEARCH_SCHEMA}.${docsTable(building)}`,
      )
      await pool.query(createTableSql(building))
      let documents = 0
      for await (const batch of batches) {
        await writeDocuments(pool, building, batch)
        documents += batch.length
      }
      // Indexes after the bulk load: faster to build once than to maintain row by row.
      for (const sql of createIndexesSql(building)) await pool.query(sql)
      await pool.query(`ANALYZE ${SEARCH_SCHEMA}.${building}`)
      await withTransaction(pool, async (client) => {
        await client.query(
          `DROP TABLE ${SEARCH_SCHEMA}.${table}, ${SEARCH_SCHEMA}.${docsTable(table)}`,
        )
        await client.query(`ALTER TABLE ${SEARCH_SCHEMA}.${building} RENAME TO ${table}`)
        await client.query(
          `ALTER TABLE ${SEARCH_SCHEMA}.${docsTable(building)} RENAME TO ${docsTable(table)}`,
        )
        for (const key of INDEX_KEYS) {
          await client.query(
            `ALTER INDEX ${SEARCH_SCHEMA}.${building}_${key} RENAME TO ${table}_${key}`,
          )
        }
        // In-memory copies (every app instance's) see a new generation and reload.
        await client.query(
          `INSERT INTO ${SEARCH_SCHEMA}.meta (key, value) VALUES ($1, gen_random_uuid()::text)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [generationKey(table)],
        )
        await client.query(pruneChangesSql(table))
      })
      return { documents }
    },
  }
}
