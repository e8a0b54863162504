import type { Pool } from 'pg'

import { NZ_REGIONS, PRICE_RANGES } from '@/lib/constants'
import { EARTH_RADIUS_KM, haversineKm } from '@/lib/geo/distance'

import { type EngineQuery, epochDay, type FacetCounts, RATING_BUCKETS } from '../types'
import { changesTable, generationKey, SEARCH_SCHEMA } from './schema'

/** A query word as the index knows it: what it may match, worked out by PostgreSQL. */
export type AnalyzedToken = {
  /** The word and, for a word the index has never seen, its nearest known words (pg_trgm). */
  options: string[]
  /** `options` and their English stems: the lexemes a document must hold one of. */
  lexemes: string[]
  /** The last word of the query also matches as a prefix. */
  prefix: boolean
  /** An English stop word ("the"): it adds to the rank but is not required. */
  stopword: boolean
}

export type AnalyzedText = {
  tokens: AnalyzedToken[]
  /** The whole query folded like business names, for the exact-name boost. */
  folded: string
}

export type MemoryResult = { ids: number[]; total: number; facets: FacetCounts | null }

/** ts_rank's default weights for the A, B, C and D parts of the text (name … description). */
const WEIGHT_VALUES = [1, 0.4, 0.2, 0.1]
/** Postings pack the slot with the lexeme's best weight class (2 bits) and repeat count (2 bits). */
const POSTING_SHIFT = 4
/** Rows read per round trip while loading. */
const LOAD_BATCH = 10_000
/** Change-log entries are kept this long; a copy idle for longer reloads instead of catching up. */
const MAX_IDLE_MS = 6 * 60 * 60 * 1000
/** A copy with more replaced rows than this share of its live ones is rebuilt in the background. */
const MAX_DEAD_SHARE = 0.25

/** Map cells of 0.2° (about 22 × 16 km in New Zealand) for radius and map-box searches. */
const CELL_DEGREES = 0.2
const cellOf = (degrees: number) => Math.floor(degrees / CELL_DEGREES)
const cellKey = (latCell: number, lngCell: number) => latCell * 10_000 + lngCell

/** RATING_BUCKETS as the database compares them, to a `real` column. */
const BUCKET_THRESHOLDS = RATING_BUCKETS.map((bucket) => Math.fround(bucket))

/** A box holding every point within the radius (wider in longitude towards the pole). */
const radiusBox = ({ lat, lng, radiusKm }: { lat: number; lng: number; radiusKm: number }) => {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI) + 1e-9
  const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180)
  const dLng = Math.min(180, dLat / Math.max(cos, 1e-6))
  return { south: lat - dLat, north: lat + dLat, west: lng - dLng, east: lng + dLng }
}

/**
 * The facet fields of one vendor in one small integer, so counting facets reads one number per
 * match: region + 1 (5 bits, 0 = none), price range + 1 (3 bits), how many rating thresholds
 * the average reaches (2 bits), verified (1 bit).
 */
const pack = (f: { region: number; price: number; bucket: number; verified: boolean }) =>
  (f.region + 1) | ((f.price + 1) << 5) | (f.bucket << 8) | (f.verified ? 1 << 10 : 0)
const regionOf = (bits: number) => (bits & 31) - 1
const priceOf = (bits: number) => ((bits >> 5) & 7) - 1
const bucketOf = (bits: number) => (bits >> 8) & 3
const isVerified = (bits: number) => (bits & (1 << 10)) !== 0

const REGION_INDEX = new Map<string, number>(NZ_REGIONS.map((r, i) => [r.value, i]))
const PRICE_INDEX = new Map<string, number>(PRICE_RANGES.map((p, i) => [p.value, i]))

type Row = {
  id: number
  name_folded: string
  tsv: string
  category_slugs: string[]
  region: string
  price_range: string
  price_rank: number
  rating_average: number
  rating_score: number
  rating_count: number
  tier_boost: number
  verified: boolean
  lat: number | null
  lng: number | null
  /** Closed days as half-open [from, to) pairs of epoch days, flattened. */
  closed: number[]
}

const selectRows = (table: string) => `
SELECT id, name_folded, tsv::text AS tsv, category_slugs, region, price_range, price_rank,
  rating_average::float8 AS rating_average, rating_score::float8 AS rating_score, rating_count,
  tier_boost, verified, lat, lng,
  ARRAY(SELECT d FROM unnest(unavailable) r,
    LATERAL (VALUES (lower(r) - DATE '1970-01-01'), (upper(r) - DATE '1970-01-01')) bound(d)) AS closed
FROM ${SEARCH_SCHEMA}.${table}`

const TSV_ENTRY = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g

/** `'band':3A,5B 'photo':7` → each lexeme with its best weight class (0 = A) and repeat count. */
const parseTsvector = (text: string): { lexeme: string; weight: number; count: number }[] => {
  const entries: { lexeme: string; weight: number; count: number }[] = []
  for (const match of text.matchAll(TSV_ENTRY)) {
    const positions = match[2] ? match[2].split(',') : ['']
    let weight = 3
    for (const position of positions) {
      const letter = position.at(-1)
      const cls = letter === 'A' ? 0 : letter === 'B' ? 1 : letter === 'C' ? 2 : 3
      if (cls < weight) weight = cls
    }
    entries.push({ lexeme: match[1]!.replace(/''/g, "'"), weight, count: positions.length })
  }
  return entries
}

/** Keeps the k best of a stream by `better`, in order; O(n log k). */
const topK = (
  candidates: ArrayLike<number>,
  k: number,
  better: (a: number, b: number) => boolean,
) => {
  const heap: number[] = [] // worst of the kept at heap[0]
  const worse = (a: number, b: number) => better(b, a)
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < heap.length && worse(heap[l]!, heap[worst]!)) worst = l
      if (r < heap.length && worse(heap[r]!, heap[worst]!)) worst = r
      if (worst === i) return
      ;[heap[i], heap[worst]] = [heap[worst]!, heap[i]!]
      i = worst
    }
  }
  for (let n = 0; n < candidates.length; n++) {
    const slot = candidates[n]!
    if (heap.length < k) {
      heap.push(slot)
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1
        if (!worse(heap[i]!, heap[parent]!)) break
        ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
        i = parent
      }
    } else if (k > 0 && better(slot, heap[0]!)) {
      heap[0] = slot
      siftDown(0)
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
}

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
export const memoryIndex = ({ pool, table }: { pool: Pool; table: string }) => {
  const changes = changesTable(table)
  const generationMetaKey = generationKey(table)

  type Copy = {
    generation: string | null
    horizon: string
    syncedAt: number
    slotById: Map<number, number>
    ids: number[]
    alive: boolean[]
    liveCount: number
    nameFolded: string[]
    /**
     * Each slot's category indexes, all slots' end to end: slot n's are at
     * categoryStart[n] … categoryStart[n + 1] (one flat array is far kinder to the CPU's caches
     * than an array per vendor, when facets walk tens of thousands of them).
     */
    categoryFlat: number[]
    categoryStart: number[]
    /** Region, price range, rating bucket and verified, packed in one number (see `pack`). */
    facetBits: number[]
    priceRank: number[]
    ratingAverage: number[]
    ratingScore: number[]
    ratingCount: number[]
    tierBoost: number[]
    lat: number[]
    lng: number[]
    closed: (number[] | null)[]
    postings: Map<string, number[]>
    /** Slots per category, per region and per map cell: where a search without words starts. */
    byCategory: number[][]
    byRegion: number[][]
    byCell: Map<number, number[]>
    /** Lexemes in sort order, for prefix matches; rebuilt when a new lexeme arrives. */
    lexemes: string[] | null
    categorySlugs: string[]
    categoryIndex: Map<string, number>
  }

  const emptyCopy = (generation: string | null, horizon: string): Copy => ({
    generation,
    horizon,
    syncedAt: Date.now(),
    slotById: new Map(),
    ids: [],
    alive: [],
    liveCount: 0,
    nameFolded: [],
    categoryFlat: [],
    categoryStart: [0],
    facetBits: [],
    priceRank: [],
    ratingAverage: [],
    ratingScore: [],
    ratingCount: [],
    tierBoost: [],
    lat: [],
    lng: [],
    closed: [],
    postings: new Map(),
    byCategory: [],
    byRegion: NZ_REGIONS.map(() => []),
    byCell: new Map(),
    lexemes: [],
    categorySlugs: [],
    categoryIndex: new Map(),
  })

  const remove = (copy: Copy, id: number) => {
    const slot = copy.slotById.get(id)
    if (slot === undefined) return
    copy.alive[slot] = false
    copy.slotById.delete(id)
    copy.liveCount -= 1
  }

  /** Rows are appended; a row that replaces another leaves a dead slot its postings skip. */
  const add = (copy: Copy, row: Row) => {
    remove(copy, row.id)
    const slot = copy.ids.length
    copy.slotById.set(row.id, slot)
    copy.ids.push(row.id)
    copy.alive.push(true)
    copy.liveCount += 1
    copy.nameFolded.push(row.name_folded)
    for (const slug of row.category_slugs) {
      let index = copy.categoryIndex.get(slug)
      if (index === undefined) {
        index = copy.categorySlugs.push(slug) - 1
        copy.categoryIndex.set(slug, index)
        copy.byCategory.push([])
      }
      copy.byCategory[index]!.push(slot)
      copy.categoryFlat.push(index)
    }
    copy.categoryStart.push(copy.categoryFlat.length)
    const region = REGION_INDEX.get(row.region) ?? -1
    if (region >= 0) copy.byRegion[region]!.push(slot)
    if (row.lat != null && row.lng != null) {
      const key = cellKey(cellOf(row.lat), cellOf(row.lng))
      const cell = copy.byCell.get(key)
      if (cell) cell.push(slot)
      else copy.byCell.set(key, [slot])
    }
    const average = Math.fround(row.rating_average)
    copy.facetBits.push(
      pack({
        region,
        price: PRICE_INDEX.get(row.price_range) ?? -1,
        bucket: BUCKET_THRESHOLDS.filter((threshold) => average >= threshold).length,
        verified: row.verified,
      }),
    )
    copy.priceRank.push(row.price_rank)
    copy.ratingAverage.push(average)
    copy.ratingScore.push(Math.fround(row.rating_score))
    copy.ratingCount.push(row.rating_count)
    copy.tierBoost.push(row.tier_boost)
    copy.lat.push(row.lat ?? Number.NaN)
    copy.lng.push(row.lng ?? Number.NaN)
    copy.closed.push(row.closed.length ? row.closed : null)
    for (const { lexeme, weight, count } of parseTsvector(row.tsv)) {
      const posting = (slot << POSTING_SHIFT) | (weight << 2) | (Math.min(count, 4) - 1)
      const list = copy.postings.get(lexeme)
      if (list) list.push(posting)
      else {
        copy.postings.set(lexeme, [posting])
        copy.lexemes = null
      }
    }
  }

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
      for (const id of ids) if (!found.has(id)) remove(copy, id)
      for (const row of rows) add(copy, row)
      return
    }
    for (let after = -1; ;) {
      const { rows } = await pool.query<Row>(
        `${selectRows(table)} WHERE id > $1 ORDER BY id LIMIT ${LOAD_BATCH}`,
        [after],
      )
      for (const row of rows) add(copy, row)
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

  const sortedLexemes = (copy: Copy) => (copy.lexemes ??= [...copy.postings.keys()].sort())

  /** Every lexeme starting with `prefix`, by binary search over the sorted lexemes. */
  const lexemesWithPrefix = (copy: Copy, prefix: string): string[] => {
    const sorted = sortedLexemes(copy)
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid]! < prefix) lo = mid + 1
      else hi = mid
    }
    const found: string[] = []
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) found.push(sorted[i]!)
    return found
  }

  /** Slots matching the text, each with its rank (as the SQL engine: text rank × tier, + name boosts). */
  const matchText = (copy: Copy, text: AnalyzedText): { slots: number[]; rank: Float64Array } => {
    const size = copy.ids.length
    const rank = new Float64Array(size)
    const matched = new Uint8Array(size)
    const tokenScore = new Float64Array(size)
    const required = text.tokens.some((t) => !t.stopword)
      ? text.tokens.filter((t) => !t.stopword).length
      : text.tokens.length
    let touched: number[] = []
    for (const token of text.tokens) {
      const lexemes = new Set<string>()
      for (const lexeme of token.lexemes) {
        if (token.prefix) for (const found of lexemesWithPrefix(copy, lexeme)) lexemes.add(found)
        else if (copy.postings.has(lexeme)) lexemes.add(lexeme)
      }
      const seen: number[] = []
      for (const lexeme of lexemes) {
        for (const posting of copy.postings.get(lexeme)!) {
          const slot = posting >>> POSTING_SHIFT
          if (!copy.alive[slot]) continue
          const score = WEIGHT_VALUES[(posting >> 2) & 3]! * (1 + 0.1 * (posting & 3))
          if (tokenScore[slot] === 0) seen.push(slot)
          if (score > tokenScore[slot]!) tokenScore[slot] = score
        }
      }
      const counts = !(token.stopword && required < text.tokens.length)
      for (const slot of seen) {
        rank[slot]! += tokenScore[slot]!
        tokenScore[slot] = 0
        if (counts) {
          if (matched[slot] === 0) touched.push(slot)
          matched[slot]! += 1
        }
      }
    }
    touched = touched.filter((slot) => matched[slot] === required)
    const tokens = text.tokens.length
    const namePrefix = `${text.folded} `
    for (const slot of touched) {
      // Only a slot whose every word scored as a name word (weight A, 1.0 or more) can be named
      // the query, so the names of the rest are never read.
      const inName = rank[slot]! >= tokens
      const name = inName ? copy.nameFolded[slot]! : ''
      rank[slot] =
        (rank[slot]! / tokens) * (1 + 0.1 * copy.tierBoost[slot]!) +
        (inName && name === text.folded ? 10 : inName && name.startsWith(namePrefix) ? 2 : 0)
    }
    return { slots: touched, rank }
  }

  /**
   * Without words, a search starts from the shortest list that holds every possible match: the
   * slots of the wanted categories, of the region, or of the map cells the radius or box
   * touches; null when nothing narrows it (every slot is looked at). Lists may repeat a slot.
   */
  const smallestCandidateList = (
    copy: Copy,
    query: EngineQuery,
    wanted: number[],
    region: number,
  ): number[] | null => {
    const lists: number[][][] = []
    if (query.categories.length) lists.push(wanted.map((c) => copy.byCategory[c] ?? []))
    if (region >= 0) lists.push([copy.byRegion[region]!])
    const box = query.near ? radiusBox(query.near) : query.bounds
    if (box) {
      const cells: number[][] = []
      const latCells = cellOf(box.north) - cellOf(box.south) + 1
      const lngCells = cellOf(box.east) - cellOf(box.west) + 1
      // A box wider than the map is cheaper to scan than to walk cell by cell; one across the
      // antimeridian (the Chathams' side) is scanned too.
      if (latCells * lngCells <= copy.byCell.size * 4 && box.west >= -180 && box.east <= 180) {
        for (let lat = cellOf(box.south); lat <= cellOf(box.north); lat++) {
          for (let lng = cellOf(box.west); lng <= cellOf(box.east); lng++) {
            const cell = copy.byCell.get(cellKey(lat, lng))
            if (cell) cells.push(cell)
          }
        }
        lists.push(cells)
      }
    }
    if (!lists.length) return null
    const size = (list: number[][]) => list.reduce((sum, part) => sum + part.length, 0)
    const shortest = lists.reduce((best, list) => (size(list) < size(best) ? list : best))
    if (shortest.length === 1) return shortest[0]!
    const seen = new Set<number>()
    for (const part of shortest) for (const slot of part) seen.add(slot)
    return [...seen]
  }

  /** The copy is loaded and of the table's current generation (after a rebuild it is not, for a while). */
  const ready = () => current !== null && current.generation === latestGeneration

  /** Runs a search on the copy as it is now; `refresh()` first, and only when `ready()`. */
  const search = (query: EngineQuery, text: AnalyzedText | null): MemoryResult => {
    const copy = current
    if (!copy || !ready()) throw new Error('The in-memory search copy is not loaded')
    const textMatch = text ? matchText(copy, text) : null
    const wanted = query.categories.map((slug) => copy.categoryIndex.get(slug) ?? -1)
    const region = query.region ? (REGION_INDEX.get(query.region) ?? -2) : -1
    const price = query.priceRange ? (PRICE_INDEX.get(query.priceRange) ?? -2) : -1
    const minRating = query.minRating == null ? null : Math.fround(query.minRating)
    const near = query.near
    const nearBox = near ? radiusBox(near) : null
    const distance = near ? new Float64Array(copy.ids.length) : null
    const bounds = query.bounds
    const availability = query.availability
      ? {
          start: epochDay(query.availability.startDate),
          end: epochDay(query.availability.endDate) + 1,
        }
      : null

    const { categoryFlat, categoryStart, facetBits } = copy
    const keep = (slot: number): boolean => {
      if (!copy.alive[slot]) return false
      if (wanted.length) {
        let inWanted = false
        for (let i = categoryStart[slot]!; i < categoryStart[slot + 1]! && !inWanted; i++) {
          inWanted = wanted.includes(categoryFlat[i]!)
        }
        if (!inWanted) return false
      }
      const bits = facetBits[slot]!
      if (region !== -1 && regionOf(bits) !== region) return false
      if (price !== -1 && priceOf(bits) !== price) return false
      if (minRating !== null && !(copy.ratingAverage[slot]! >= minRating)) return false
      if (query.verifiedOnly && !isVerified(bits)) return false
      if (near) {
        const lat = copy.lat[slot]!
        const lng = copy.lng[slot]!
        if (Number.isNaN(lat) || Number.isNaN(lng)) return false
        if (lat < nearBox!.south || lat > nearBox!.north) return false
        const km = haversineKm(near, { lat, lng })
        if (km > near.radiusKm) return false
        distance![slot] = km
      }
      if (bounds) {
        const lat = copy.lat[slot]!
        const lng = copy.lng[slot]!
        if (!(
          lat >= bounds.south &&
          lat <= bounds.north &&
          lng >= bounds.west &&
          lng <= bounds.east
        ))
          return false
      }
      if (availability) {
        const closed = copy.closed[slot]
        if (closed) {
          for (let i = 0; i < closed.length; i += 2) {
            if (closed[i]! < availability.end && closed[i + 1]! > availability.start) return false
          }
        }
      }
      return true
    }

    const matches: number[] = []
    const candidates = textMatch?.slots ?? smallestCandidateList(copy, query, wanted, region)
    if (candidates) {
      for (const slot of candidates) if (keep(slot)) matches.push(slot)
    } else {
      for (let slot = 0; slot < copy.ids.length; slot++) if (keep(slot)) matches.push(slot)
    }

    let facets: FacetCounts | null = null
    if (query.facets) {
      const categoryCounts = new Int32Array(copy.categorySlugs.length)
      const regionCounts = new Int32Array(NZ_REGIONS.length)
      const priceCounts = new Int32Array(PRICE_RANGES.length)
      // Thresholds descend (4.5, 4, 3): a vendor reaching n of them counts in the last n buckets.
      const reached = new Int32Array(RATING_BUCKETS.length + 1)
      let verified = 0
      const count = (slot: number) => {
        for (let c = categoryStart[slot]!; c < categoryStart[slot + 1]!; c++) {
          categoryCounts[categoryFlat[c]!]! += 1
        }
        const bits = facetBits[slot]!
        const r = regionOf(bits)
        if (r >= 0) regionCounts[r]! += 1
        const p = priceOf(bits)
        if (p >= 0) priceCounts[p]! += 1
        reached[bucketOf(bits)]! += 1
        if (isVerified(bits)) verified += 1
      }
      if (matches.length * 16 > copy.ids.length) {
        // Many matches: visit them in slot order, so the columns are read front to back.
        const marked = new Uint8Array(copy.ids.length)
        for (const slot of matches) marked[slot] = 1
        for (let slot = 0; slot < marked.length; slot++) if (marked[slot]) count(slot)
      } else {
        for (const slot of matches) count(slot)
      }
      const ratingCounts = new Int32Array(RATING_BUCKETS.length)
      for (let b = 0, atLeast = 0; b < RATING_BUCKETS.length; b++) {
        atLeast += reached[RATING_BUCKETS.length - b]!
        ratingCounts[b] = atLeast
      }
      const counted = (keys: readonly string[], counts: Int32Array) =>
        Object.fromEntries(keys.flatMap((key, i) => (counts[i]! > 0 ? [[key, counts[i]!]] : [])))
      facets = {
        categories: counted(copy.categorySlugs, categoryCounts),
        regions: counted(
          NZ_REGIONS.map((r) => r.value),
          regionCounts,
        ),
        priceRanges: counted(
          PRICE_RANGES.map((p) => p.value),
          priceCounts,
        ),
        ratings: Object.fromEntries(RATING_BUCKETS.map((b, i) => [String(b), ratingCounts[i]!])),
        verified,
      }
    }

    const { ids, tierBoost, ratingScore, ratingCount, priceRank } = copy
    const byId = (a: number, b: number) => ids[a]! < ids[b]!
    const rank = textMatch?.rank
    const better: (a: number, b: number) => boolean =
      query.sort === 'rating'
        ? (a, b) =>
            ratingScore[a] !== ratingScore[b]
              ? ratingScore[a]! > ratingScore[b]!
              : ratingCount[a] !== ratingCount[b]
                ? ratingCount[a]! > ratingCount[b]!
                : byId(a, b)
        : query.sort === 'price'
          ? (a, b) =>
              priceRank[a] !== priceRank[b]
                ? priceRank[a]! < priceRank[b]!
                : ratingScore[a] !== ratingScore[b]
                  ? ratingScore[a]! > ratingScore[b]!
                  : byId(a, b)
          : query.sort === 'distance' && distance
            ? (a, b) => (distance[a] !== distance[b] ? distance[a]! < distance[b]! : byId(a, b))
            : rank
              ? (a, b) =>
                  rank[a] !== rank[b]
                    ? rank[a]! > rank[b]!
                    : ratingScore[a] !== ratingScore[b]
                      ? ratingScore[a]! > ratingScore[b]!
                      : byId(a, b)
              : (a, b) =>
                  tierBoost[a] !== tierBoost[b]
                    ? tierBoost[a]! > tierBoost[b]!
                    : ratingScore[a] !== ratingScore[b]
                      ? ratingScore[a]! > ratingScore[b]!
                      : byId(a, b)
    const offset = (query.page - 1) * query.limit
    const page =
      offset < matches.length ? topK(matches, offset + query.limit, better).slice(offset) : []
    return { ids: page.map((slot) => ids[slot]!), total: matches.length, facets }
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
