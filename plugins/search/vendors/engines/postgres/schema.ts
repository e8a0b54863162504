import { SEARCH_SCHEMA, setupSearchSchemaSql } from '../../../shared/postgres'

/**
 * Bumped whenever the index tables change shape: an index of another version is dropped and
 * rebuilt from the database (the plugin refills an empty index at start-up).
 */
export const SCHEMA_VERSION = '3'

/** The shared schema, and the typo dictionary: every word a vendor document is found by. */
export const setupSql = `${setupSearchSchemaSql}
CREATE TABLE IF NOT EXISTS ${SEARCH_SCHEMA}.vendor_terms (term text PRIMARY KEY);
CREATE INDEX IF NOT EXISTS vendor_terms_trgm ON ${SEARCH_SCHEMA}.vendor_terms USING gin (term gin_trgm_ops);
CREATE INDEX IF NOT EXISTS vendor_terms_prefix ON ${SEARCH_SCHEMA}.vendor_terms (term text_pattern_ops);
`

/** The documents returned as hits live beside the filter table, so scans stay narrow. */
export const docsTable = (table: string) => `${table}_docs`

/**
 * Which vendor ids each write touched, stamped with the writing transaction's id: how the
 * in-memory copies of other app instances learn what to re-read (see memory/changeLog.ts).
 */
export const changesTable = (table: string) => `${table}_changes`

/** The `meta` key whose value a rebuild renews, telling in-memory copies to reload. */
export const generationKey = (table: string) => `${table}_generation`

/** The live table's change log; a table being rebuilt has none (its readers reload it whole). */
export const createChangesSql = (table: string) => `
CREATE TABLE IF NOT EXISTS ${SEARCH_SCHEMA}.${changesTable(table)} (
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${changesTable(table)}_xid ON ${SEARCH_SCHEMA}.${changesTable(table)} (xid)`

/** Entries older than a day: every in-memory copy has read them, or reloads whole (memory/changeLog.ts). */
export const pruneChangesSql = (table: string) =>
  `DELETE FROM ${SEARCH_SCHEMA}.${changesTable(table)} WHERE at < now() - interval '1 day'`

export const createTableSql = (table: string) => `
CREATE TABLE IF NOT EXISTS ${SEARCH_SCHEMA}.${docsTable(table)} (id integer PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${SEARCH_SCHEMA}.${table} (
  id integer PRIMARY KEY,
  name_folded text NOT NULL,
  tsv tsvector NOT NULL,
  category_slugs text[] NOT NULL,
  region text NOT NULL,
  price_range text NOT NULL,
  price_rank smallint NOT NULL,
  rating_average real NOT NULL,
  rating_score real NOT NULL,
  rating_count integer NOT NULL,
  tier_boost smallint NOT NULL,
  verified boolean NOT NULL,
  lat float8,
  lng float8,
  point earth,
  unavailable datemultirange NOT NULL
)`

/** Each index of a vendors table, named `<table>_<key>`; a rebuild renames them with the table. */
const INDEXES: Record<string, string> = {
  tsv: 'USING gin (tsv)',
  categories: 'USING gin (category_slugs)',
  point: 'USING gist (point)',
  name: '(name_folded)',
  region: '(region, tier_boost DESC, rating_score DESC, id)',
  latlng: '(lat, lng)',
  relevance: '(tier_boost DESC, rating_score DESC, id)',
  rating: '(rating_score DESC, rating_count DESC, id)',
  price: '(price_rank, rating_score DESC, id)',
}

/** Every index a rebuild renames, relative to the vendors table's name. */
export const INDEX_KEYS = [...Object.keys(INDEXES), 'pkey', 'docs_pkey']

export const createIndexesSql = (table: string) =>
  Object.entries(INDEXES).map(
    ([key, definition]) =>
      `CREATE INDEX IF NOT EXISTS ${table}_${key} ON ${SEARCH_SCHEMA}.${table} ${definition}`,
  )

/**
 * Upserts documents given as one JSON array ($1), and their words ($2) into the typo
 * dictionary, in one statement so both are seen together. The weighted text vector is built
 * here, in the database, with `unaccent` and both the English (stemmed) and simple (exact
 * words) configs.
 *
 * Sync jobs run several at a time, so upserts sharing words or vendors run together: each
 * writes its vendors in id order and its words in sort order, so every upsert takes its locks
 * in one order and none waits for another that waits for it. (Unordered, DISTINCT's hashing put
 * shared words in a different order for each set of words, and PostgreSQL aborted one of two
 * such upserts as a deadlock.)
 */
export const upsertSql = (table: string, { logChanges }: { logChanges: boolean }) => `
WITH input AS (
  SELECT value AS d FROM jsonb_array_elements($1::jsonb) ORDER BY (value->>'id')::int
),
terms AS (
  INSERT INTO ${SEARCH_SCHEMA}.vendor_terms (term)
  SELECT DISTINCT t FROM unnest($2::text[]) t WHERE length(t) BETWEEN 3 AND 40 ORDER BY t
  ON CONFLICT DO NOTHING
),${
  logChanges
    ? `
logged AS (INSERT INTO ${SEARCH_SCHEMA}.${changesTable(table)} (id) SELECT (d->>'id')::int FROM input),`
    : ''
}
docs AS (
  INSERT INTO ${SEARCH_SCHEMA}.${docsTable(table)} (id, doc)
  SELECT (d->>'id')::int, d FROM input
  ON CONFLICT (id) DO UPDATE SET doc = excluded.doc
),
rows AS (
  SELECT
    (d->>'id')::int AS id,
    d,
    lower(unaccent(d->>'businessName')) AS name_folded,
    unaccent(d->>'businessName') AS name_text,
    unaccent(coalesce((SELECT string_agg(c->>'name', ' ') FROM jsonb_array_elements(d->'categories') c), '')) AS category_text,
    unaccent(concat_ws(' ', d->>'tagline', d->>'city', d->>'regionLabel')) AS place_text,
    unaccent(coalesce(d->>'description', '')) AS description_text
  FROM input
)
INSERT INTO ${SEARCH_SCHEMA}.${table} AS v (id, name_folded, tsv, category_slugs, region, price_range,
  price_rank, rating_average, rating_score, rating_count, tier_boost, verified, lat, lng, point, unavailable)
SELECT
  id,
  regexp_replace(name_folded, '[^a-z0-9]+', ' ', 'g'),
  setweight(to_tsvector('english', name_text), 'A') || setweight(to_tsvector('simple', name_text), 'A') ||
  setweight(to_tsvector('english', category_text), 'B') || setweight(to_tsvector('simple', category_text), 'B') ||
  setweight(to_tsvector('english', place_text), 'C') || setweight(to_tsvector('simple', place_text), 'C') ||
  setweight(to_tsvector('english', description_text), 'D'),
  ARRAY(SELECT jsonb_array_elements_text(d->'categorySlugs')),
  d->>'region',
  d->>'priceRange',
  (d->>'priceRank')::smallint,
  (d->>'ratingAverage')::real,
  (d->>'ratingScore')::real,
  (d->>'ratingCount')::int,
  (d->>'tierBoost')::smallint,
  (d->>'verified')::boolean,
  (d->>'lat')::float8,
  (d->>'lng')::float8,
  CASE WHEN d->>'lat' IS NOT NULL AND d->>'lng' IS NOT NULL
    THEN ll_to_earth((d->>'lat')::float8, (d->>'lng')::float8) END,
  coalesce((SELECT range_agg(daterange((r->>'from')::date, (r->>'to')::date, '[]'))
    FROM jsonb_array_elements(d->'unavailable') r), '{}'::datemultirange)
FROM rows
ON CONFLICT (id) DO UPDATE SET
  name_folded = excluded.name_folded, tsv = excluded.tsv,
  category_slugs = excluded.category_slugs, region = excluded.region,
  price_range = excluded.price_range, price_rank = excluded.price_rank,
  rating_average = excluded.rating_average, rating_score = excluded.rating_score,
  rating_count = excluded.rating_count, tier_boost = excluded.tier_boost,
  verified = excluded.verified, lat = excluded.lat, lng = excluded.lng, point = excluded.point,
  unavailable = excluded.unavailable`
