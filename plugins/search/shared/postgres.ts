/**
 * The PostgreSQL engines keep their indexes in their own schema, `search`, apart from Payload's
 * tables: Payload's schema push only looks at `public`, and an index can be dropped and rebuilt
 * from the collections at any time, like a Meilisearch index.
 */
export const SEARCH_SCHEMA = 'search'

/** What every index needs; safe to run again, and run by each engine before its own tables. */
export const setupSearchSchemaSql = `
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE SCHEMA IF NOT EXISTS ${SEARCH_SCHEMA};
-- Great-circle distance on the mean Earth radius: the same formula as haversineKm in shared/geo.ts.
CREATE OR REPLACE FUNCTION ${SEARCH_SCHEMA}.haversine_km(lat1 float8, lng1 float8, lat2 float8, lng2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 2 * 6371.0088 * asin(least(1, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2) +
    cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lng2 - lng1) / 2), 2))))
$$;
CREATE TABLE IF NOT EXISTS ${SEARCH_SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL);
`

/** Bind parameters collected while the SQL is written, so no value is ever spliced in. */
export class Params {
  readonly values: unknown[]
  constructor(...values: unknown[]) {
    this.values = values
  }
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

/** A Payload collection's table, as the PostgreSQL adapter names it: the slug in snake case. */
export const tableOf = (slug: string): string =>
  slug
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase()
