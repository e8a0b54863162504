import { epochDay } from '../../../../shared/engine'
import { EARTH_RADIUS_KM, haversineKm, withinLongitudes } from '../../../../shared/geo'
import { type EngineQuery, type FacetCounts, RATING_BUCKETS } from '../../../types'
import {
  bucketOf,
  cellKey,
  cellOf,
  type Copy,
  isVerified,
  lexemesWithPrefix,
  POSTING_SHIFT,
  priceOf,
  regionOf,
} from './layout'

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

/** A box holding every point within the radius (wider in longitude towards the pole). */
const radiusBox = ({ lat, lng, radiusKm }: { lat: number; lng: number; radiusKm: number }) => {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI) + 1e-9
  const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180)
  const dLng = Math.min(180, dLat / Math.max(cos, 1e-6))
  return { south: lat - dLat, north: lat + dLat, west: lng - dLng, east: lng + dLng }
}

/** Keeps the k best of a stream by `better`, in order; O(n log k). */
export const topK = (
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
  if (query.region) lists.push([copy.byRegion[region] ?? []])
  const box = query.near ? radiusBox(query.near) : query.bounds
  if (box) {
    const cells: number[][] = []
    const latCells = cellOf(box.north) - cellOf(box.south) + 1
    const lngCells = cellOf(box.east) - cellOf(box.west) + 1
    // A box wider than the map is cheaper to scan than to walk cell by cell; one across the
    // antimeridian (the Chathams' side) is scanned too.
    if (
      box.west <= box.east &&
      latCells * lngCells <= copy.byCell.size * 4 &&
      box.west >= -180 &&
      box.east <= 180
    ) {
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

/** Every facet over the matching slots; only values with a match are listed. */
const countFacets = (copy: Copy, matches: number[]): FacetCounts => {
  const { categoryFlat, categoryStart, facetBits } = copy
  const categoryCounts = new Int32Array(copy.categories.values.length)
  const regionCounts = new Int32Array(copy.regions.values.length)
  const priceCounts = new Int32Array(copy.priceRanges.values.length)
  // Thresholds descend (4.5, 4, 3): a vendor reaching n of them counts in the last n buckets.
  const reached = new Int32Array(RATING_BUCKETS.length + 1)
  let verified = 0
  const count = (slot: number) => {
    for (let c = categoryStart[slot]!; c < categoryStart[slot + 1]!; c++) {
      categoryCounts[categoryFlat[c]!]! += 1
    }
    const bits = facetBits[slot]!
    regionCounts[regionOf(bits)]! += 1
    priceCounts[priceOf(bits)]! += 1
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
  return {
    categories: counted(copy.categories.values, categoryCounts),
    regions: counted(copy.regions.values, regionCounts),
    priceRanges: counted(copy.priceRanges.values, priceCounts),
    ratings: Object.fromEntries(RATING_BUCKETS.map((b, i) => [String(b), ratingCounts[i]!])),
    verified,
  }
}

/** "a comes before b" for the requested order; ties always go to the lower id, as in SQL. */
const orderOf = (
  copy: Copy,
  sort: EngineQuery['sort'],
  rank: Float64Array | undefined,
  distance: Float64Array | null,
): ((a: number, b: number) => boolean) => {
  const { ids, tierBoost, ratingScore, ratingCount, priceRank } = copy
  const byId = (a: number, b: number) => ids[a]! < ids[b]!
  const thenByScore = (a: number, b: number) =>
    ratingScore[a] !== ratingScore[b] ? ratingScore[a]! > ratingScore[b]! : byId(a, b)
  if (sort === 'rating')
    return (a, b) =>
      ratingScore[a] !== ratingScore[b]
        ? ratingScore[a]! > ratingScore[b]!
        : ratingCount[a] !== ratingCount[b]
          ? ratingCount[a]! > ratingCount[b]!
          : byId(a, b)
  if (sort === 'price')
    return (a, b) =>
      priceRank[a] !== priceRank[b] ? priceRank[a]! < priceRank[b]! : thenByScore(a, b)
  if (sort === 'distance' && distance)
    return (a, b) => (distance[a] !== distance[b] ? distance[a]! < distance[b]! : byId(a, b))
  if (rank) return (a, b) => (rank[a] !== rank[b] ? rank[a]! > rank[b]! : thenByScore(a, b))
  return (a, b) =>
    tierBoost[a] !== tierBoost[b] ? tierBoost[a]! > tierBoost[b]! : thenByScore(a, b)
}

/** Runs a search on a copy as it is: the matching slots, their facets and the requested page. */
export const evaluate = (
  copy: Copy,
  query: EngineQuery,
  text: AnalyzedText | null,
): MemoryResult => {
  const textMatch = text ? matchText(copy, text) : null
  const wanted = query.categories.map((slug) => copy.categories.index.get(slug) ?? -1)
  const region = query.region ? (copy.regions.index.get(query.region) ?? -2) : -1
  const price = query.priceRange ? (copy.priceRanges.index.get(query.priceRange) ?? -2) : -1
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
      if (
        !(lat >= bounds.south && lat <= bounds.north) ||
        !withinLongitudes(lng, bounds.west, bounds.east)
      )
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

  const better = orderOf(copy, query.sort, textMatch?.rank, distance)
  const offset = (query.page - 1) * query.limit
  const page =
    offset < matches.length ? topK(matches, offset + query.limit, better).slice(offset) : []
  return {
    ids: page.map((slot) => copy.ids[slot]!),
    total: matches.length,
    facets: query.facets ? countFacets(copy, matches) : null,
  }
}
