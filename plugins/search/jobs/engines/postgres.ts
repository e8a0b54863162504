import type { Pool } from 'pg'

import { epochDay, SearchEngineError } from '../../shared/engine'
import { Params, SEARCH_SCHEMA, setupSearchSchemaSql } from '../../shared/postgres'
import type { JobQuery, JobSearchDocument, JobSearchEngine } from '../types'

const TABLE = `${SEARCH_SCHEMA}.jobs`

// After the shared setup (extensions, schema, haversine_km), which is safe to repeat.
const setupSql = `
DO $$ BEGIN
  CREATE TYPE ${SEARCH_SCHEMA}.job_document AS (id integer, title text, description text, "eventType" text,
    "eventTypeLabel" text, "eventDate" text, "guestCount" integer, "budgetMin" integer, "budgetMax" integer,
    city text, region text, "regionLabel" text, lat float8, lng float8, categories jsonb, "categorySlugs" text[],
    "isUrgent" boolean, "publishedAt" text, "applicationDeadline" text);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE IF NOT EXISTS ${TABLE} (
  id integer PRIMARY KEY,
  doc jsonb NOT NULL,
  tsv tsvector NOT NULL,
  category_slugs text[] NOT NULL,
  region text NOT NULL,
  event_type text NOT NULL,
  event_day integer NOT NULL,
  budget_min integer NOT NULL,
  budget_max integer NOT NULL,
  is_urgent boolean NOT NULL,
  lat float8,
  lng float8,
  published_at timestamptz NOT NULL,
  deadline timestamptz
);
CREATE INDEX IF NOT EXISTS jobs_tsv ON ${TABLE} USING gin (tsv);
CREATE INDEX IF NOT EXISTS jobs_category_slugs ON ${TABLE} USING gin (category_slugs);
CREATE INDEX IF NOT EXISTS jobs_event_day ON ${TABLE} (event_day);`

const UPSERT_BATCH = 500

// Title > categories > place and event type > description, English stems, accents folded.
const upsertSql = `
INSERT INTO ${TABLE} AS j (id, doc, tsv, category_slugs, region, event_type, event_day, budget_min,
  budget_max, is_urgent, lat, lng, published_at, deadline)
SELECT d.id, to_jsonb(d), 
  setweight(to_tsvector('english', unaccent(d.title)), 'A') ||
  setweight(to_tsvector('english', unaccent(coalesce((SELECT string_agg(c->>'name', ' ') FROM jsonb_array_elements(d.categories) c), ''))), 'B') ||
  setweight(to_tsvector('english', unaccent(d.city || ' ' || d."regionLabel" || ' ' || d."eventTypeLabel")), 'C') ||
  setweight(to_tsvector('english', unaccent(d.description)), 'D'),
  d."categorySlugs", d.region, d."eventType", d."eventDate"::date - DATE '1970-01-01', d."budgetMin", d."budgetMax", d."isUrgent",
  d.lat, d.lng, d."publishedAt"::timestamptz, d."applicationDeadline"::timestamptz
FROM jsonb_populate_recordset(NULL::${SEARCH_SCHEMA}.job_document, $1::jsonb) d
ORDER BY d.id
ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, tsv = excluded.tsv,
  category_slugs = excluded.category_slugs, region = excluded.region, event_type = excluded.event_type,
  event_day = excluded.event_day, budget_min = excluded.budget_min, budget_max = excluded.budget_max,
  is_urgent = excluded.is_urgent, lat = excluded.lat, lng = excluded.lng,
  published_at = excluded.published_at, deadline = excluded.deadline`

/** A safe prefix tsquery from what a person typed: every word required, the last as a prefix. */
export const prefixTsQuery = (text: string): string | null => {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10)
  if (!words.length) return null
  return words.map((word, i) => (i === words.length - 1 ? `${word}:*` : word)).join(' & ')
}

/**
 * Where clause shared by the hits and the facet counts. `$1` is the text query (or null);
 * further parameters are added to `params`.
 */
const whereSql = (query: JobQuery, params: Params) => {
  const add = (value: unknown) => params.add(value)
  const clauses = [`(deadline IS NULL OR deadline > ${add(query.now.toISOString())})`]
  clauses.push(`($1::text IS NULL OR tsv @@ to_tsquery('english', $1))`)
  if (query.categories.length) clauses.push(`category_slugs && ${add(query.categories)}::text[]`)
  if (query.regions.length) clauses.push(`region = ANY(${add(query.regions)}::text[])`)
  if (query.eventTypes.length) clauses.push(`event_type = ANY(${add(query.eventTypes)}::text[])`)
  if (query.eventDateFrom) clauses.push(`event_day >= ${add(epochDay(query.eventDateFrom))}`)
  if (query.eventDateTo) clauses.push(`event_day <= ${add(epochDay(query.eventDateTo))}`)
  if (query.budgetMin != null) clauses.push(`budget_max >= ${add(query.budgetMin)}`)
  if (query.budgetMax != null) clauses.push(`budget_min <= ${add(query.budgetMax)}`)
  if (query.urgentOnly) clauses.push('is_urgent')
  if (query.near) {
    const lat = add(query.near.lat)
    const lng = add(query.near.lng)
    clauses.push(
      `lat IS NOT NULL AND ${SEARCH_SCHEMA}.haversine_km(${lat}, ${lng}, lat, lng) <= ${add(query.near.radiusKm)}`,
    )
  }
  return clauses.join(' AND ')
}

const orderSql = (query: JobQuery) => {
  const distance = query.near
    ? `${SEARCH_SCHEMA}.haversine_km(${query.near.lat}, ${query.near.lng}, lat, lng)`
    : null
  const then = {
    relevance: query.text
      ? `ts_rank(tsv, to_tsquery('english', $1)) DESC, published_at DESC`
      : 'published_at DESC',
    newest: 'published_at DESC',
    eventDate: 'event_day ASC',
    deadline: 'deadline ASC NULLS LAST',
    distance: distance ? `${distance} ASC` : 'published_at DESC',
  }[query.sort]
  return `is_urgent DESC, ${then}, id DESC`
}

/**
 * The job board in the app's own PostgreSQL: a small table beside the vendor index (open jobs
 * number in the thousands, not the hundred thousand vendors), searched with one statement on
 * its GIN indexes; facets count each field with the other filters applied.
 */
export const postgresJobEngine = ({ pool }: { pool: Pool }): JobSearchEngine => {
  let ready: Promise<void> | undefined
  const ensureIndex = () => {
    ready ??= (async () => {
      await pool.query(setupSearchSchemaSql)
      await pool.query(setupSql)
    })().catch((error: unknown) => {
      ready = undefined
      throw new SearchEngineError(`Could not create the jobs index: ${(error as Error).message}`)
    })
    return ready
  }

  /** Matches per value of one column, every filter applied (as Meilisearch counts them). */
  const facet = async (column: string, where: string, params: Params) => {
    const { rows } = await pool.query<{ value: string; count: string }>(
      `SELECT ${column} AS value, count(*) AS count FROM ${TABLE} WHERE ${where} GROUP BY 1`,
      params.values,
    )
    return Object.fromEntries(rows.map((row) => [String(row.value), Number(row.count)]))
  }

  return {
    name: 'postgres',
    ensureIndex,
    upsert: async (documents) => {
      if (!documents.length) return
      await ensureIndex()
      // One statement a batch: the whole board is written at every start-up. Sync jobs run
      // several at a time: in id order, upserts sharing jobs lock them in the same order, so
      // none waits for another that waits for it (a deadlock, as the vendors' upsert had).
      const ordered = [...documents].sort((a, b) => Number(a.id) - Number(b.id))
      for (let start = 0; start < ordered.length; start += UPSERT_BATCH) {
        await pool.query(upsertSql, [JSON.stringify(ordered.slice(start, start + UPSERT_BATCH))])
      }
    },
    delete: async (ids) => {
      if (!ids.length) return
      await ensureIndex()
      await pool.query(`DELETE FROM ${TABLE} WHERE id = ANY($1::integer[])`, [ids])
    },
    ids: async () => {
      await ensureIndex()
      const { rows } = await pool.query<{ id: number }>(`SELECT id FROM ${TABLE}`)
      return rows.map((row) => row.id)
    },
    search: async (query) => {
      await ensureIndex()
      const params = new Params(prefixTsQuery(query.text))
      const where = whereSql(query, params)
      const [hits, categories, regions, eventTypes, urgent] = await Promise.all([
        pool.query<{ doc: JobSearchDocument; total: string }>(
          `SELECT doc, count(*) OVER () AS total FROM ${TABLE} WHERE ${where}
           ORDER BY ${orderSql(query)} LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
          params.values,
        ),
        facet('unnest(category_slugs)', where, params),
        facet('region', where, params),
        facet('event_type', where, params),
        facet('is_urgent', where, params),
      ])
      const total = hits.rows[0]
        ? Number(hits.rows[0].total)
        : Number(
            (
              await pool.query<{ count: string }>(
                `SELECT count(*) FROM ${TABLE} WHERE ${where}`,
                params.values,
              )
            ).rows[0]?.count ?? 0,
          )
      return {
        hits: hits.rows.map((row) => ({ document: row.doc })),
        total,
        facets: { categories, regions, eventTypes, urgent: urgent.true ?? 0 },
      }
    },
  }
}
