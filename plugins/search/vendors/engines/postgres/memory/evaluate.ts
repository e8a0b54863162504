import { epochDay } from '../../../../shared/engine'
import { EARTH_RADIUS_KM, haversineKm, withinLongitudes } from '../../../../shared/geo'
import { type EngineQuery, type FacetCounts, RATING_BUCKETS } from '../../../types'
import {
  type Bits,
  clearBit,
  countBits,
  countBoth,
  forEachBit,
  hasBit,
  intersect,
  setBit,
  wordsFor,
} from './bitset'
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

/**
 * Per-slot working arrays a search writes into, kept with the copy and reused by every search
 * (searches run one at a time, synchronously): allocating and zeroing them per search cost as
 * much as the search. Between searches `rank` and `wordsMatched` are all zeros again.
 */
type Scratch = {
  slots: number
  filter: Bits
  matched: Bits
  rank: Float64Array
  tokenScore: Float64Array
  wordsMatched: Uint8Array
  distance: Float64Array
  list: Int32Array
}

const scratches = new WeakMap<Copy, Scratch>()

const scratchFor = (copy: Copy): Scratch => {
  const known = scratches.get(copy)
  if (known && known.slots >= copy.ids.length) return known
  const slots = copy.bitWords * 32
  const scratch: Scratch = {
    slots,
    filter: new Uint32Array(copy.bitWords),
    matched: new Uint32Array(copy.bitWords),
    rank: new Float64Array(slots),
    tokenScore: new Float64Array(slots),
    wordsMatched: new Uint8Array(slots),
    distance: new Float64Array(slots),
    list: new Int32Array(slots),
  }
  scratches.set(copy, scratch)
  return scratch
}

/** The index's lexemes a query word may match: its own and its stems, or all they begin. */
const lexemesOf = (copy: Copy, token: AnalyzedToken): Set<string> => {
  const lexemes = new Set<string>()
  for (const lexeme of token.lexemes) {
    if (token.prefix) for (const found of lexemesWithPrefix(copy, lexeme)) lexemes.add(found)
    else if (copy.postings.has(lexeme)) lexemes.add(lexeme)
  }
  return lexemes
}

/**
 * One word's best posting score for each live slot it reaches, written into `scores` (zero
 * where unreached); each slot is added to `reached` the first time.
 */
const scoreWord = (copy: Copy, token: AnalyzedToken, scores: Float64Array, reached: number[]) => {
  for (const lexeme of lexemesOf(copy, token)) {
    for (const posting of copy.postings.get(lexeme)!) {
      const slot = posting >>> POSTING_SHIFT
      if (!copy.alive[slot]) continue
      const score = WEIGHT_VALUES[(posting >> 2) & 3]! * (1 + 0.1 * (posting & 3))
      if (scores[slot] === 0) reached.push(slot)
      if (score > scores[slot]!) scores[slot] = score
    }
  }
}

/**
 * Slots matching the text (`slots`), each with its rank in `scratch.rank` (as the SQL engine:
 * text rank × tier, + name boosts); `scored` is every slot whose rank was written, to be
 * zeroed again when the search is done.
 */
const matchText = (
  copy: Copy,
  text: AnalyzedText,
  { rank, tokenScore, wordsMatched: matched }: Scratch,
): { slots: number[]; scored: number[] } => {
  const required = text.tokens.some((t) => !t.stopword)
    ? text.tokens.filter((t) => !t.stopword).length
    : text.tokens.length
  const scored: number[] = []
  const tokens = text.tokens.length
  const namePrefix = `${text.folded} `
  /** A slot's final rank from the sum of its words' scores (in `rank`). */
  const finalRank = (slot: number) => {
    // Only a slot whose every word scored as a name word (weight A, 1.0 or more) can be named
    // the query, so the names of the rest are never read.
    const inName = rank[slot]! >= tokens
    const name = inName ? copy.nameFolded[slot]! : ''
    return (
      (rank[slot]! / tokens) * (1 + 0.1 * copy.tierBoost[slot]!) +
      (inName && name === text.folded ? 10 : inName && name.startsWith(namePrefix) ? 2 : 0)
    )
  }
  if (tokens === 1) {
    // One word (most searches): every slot it reaches matches, with its best posting's score,
    // so there are no words to count per slot.
    scoreWord(copy, text.tokens[0]!, rank, scored)
    for (const slot of scored) rank[slot] = finalRank(slot)
    return { slots: scored, scored }
  }
  let touched: number[] = []
  for (const token of text.tokens) {
    const seen: number[] = []
    scoreWord(copy, token, tokenScore, seen)
    const counts = !(token.stopword && required < text.tokens.length)
    for (const slot of seen) {
      if (rank[slot] === 0) scored.push(slot)
      rank[slot]! += tokenScore[slot]!
      tokenScore[slot] = 0
      if (counts) {
        if (matched[slot] === 0) touched.push(slot)
        matched[slot]! += 1
      }
    }
  }
  touched = touched.filter((slot) => matched[slot] === required)
  for (const slot of touched) rank[slot] = finalRank(slot)
  return { slots: touched, scored }
}

/**
 * Without words, a search may start from the shortest list that holds every possible match:
 * the slots of the wanted categories, of the region, or of the map cells the radius or box
 * touches (in parts, which may repeat a slot); null when nothing narrows it.
 */
const smallestCandidateList = (
  copy: Copy,
  query: EngineQuery,
  wanted: number[],
  region: number,
): number[][] | null => {
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
  return lists.reduce((best, list) => (size(list) < size(best) ? list : best))
}

const counted = (keys: readonly string[], counts: ArrayLike<number>) =>
  Object.fromEntries(keys.flatMap((key, i) => (counts[i]! > 0 ? [[key, counts[i]!]] : [])))

/**
 * Every facet over the matching slots (`matches`, `total` of them); only values with a match
 * are listed. Two ways to the same counts, whichever reads less: intersect each value's
 * bitset with the matches (a fixed cost per value), or visit each match and add up its values
 * (a cost per match).
 */
const countFacets = (copy: Copy, matches: Bits, words: number, total: number): FacetCounts => {
  const values =
    copy.categories.values.length +
    copy.regions.values.length +
    copy.priceRanges.values.length +
    RATING_BUCKETS.length +
    1
  const perMatch = copy.categoryFlat.length / Math.max(1, copy.ids.length) + 4
  // `reached[t]`: matches reaching at least t + 1 of the thresholds.
  const reached = new Int32Array(RATING_BUCKETS.length)
  let categoryCounts: ArrayLike<number>
  let regionCounts: ArrayLike<number>
  let priceCounts: ArrayLike<number>
  let verified = 0
  if (values * words < total * perMatch) {
    const countEach = (sets: Bits[]) => sets.map((bits) => countBoth(bits, matches, words))
    categoryCounts = countEach(copy.categoryBits)
    regionCounts = countEach(copy.regionBits)
    priceCounts = countEach(copy.priceBits)
    copy.ratingBits.forEach((bits, t) => (reached[t] = countBoth(bits, matches, words)))
    verified = countBoth(copy.verifiedBits, matches, words)
  } else {
    const { categoryFlat, categoryStart, facetBits } = copy
    const categories = new Int32Array(copy.categories.values.length)
    const regions = new Int32Array(copy.regions.values.length)
    const prices = new Int32Array(copy.priceRanges.values.length)
    const buckets = new Int32Array(RATING_BUCKETS.length + 1)
    forEachBit(matches, words, (slot) => {
      for (let c = categoryStart[slot]!; c < categoryStart[slot + 1]!; c++) {
        categories[categoryFlat[c]!]! += 1
      }
      const bits = facetBits[slot]!
      regions[regionOf(bits)]! += 1
      prices[priceOf(bits)]! += 1
      buckets[bucketOf(bits)]! += 1
      if (isVerified(bits)) verified += 1
    })
    for (let t = RATING_BUCKETS.length - 1, atLeast = 0; t >= 0; t--) {
      atLeast += buckets[t + 1]!
      reached[t] = atLeast
    }
    categoryCounts = categories
    regionCounts = regions
    priceCounts = prices
  }
  // Thresholds descend (4.5, 4, 3): reaching the first takes all three.
  return {
    categories: counted(copy.categories.values, categoryCounts),
    regions: counted(copy.regions.values, regionCounts),
    priceRanges: counted(copy.priceRanges.values, priceCounts),
    ratings: Object.fromEntries(
      RATING_BUCKETS.map((b, i) => [String(b), reached[RATING_BUCKETS.length - 1 - i]!]),
    ),
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

/** The orders that do not depend on the query: by tier boost (no words), by rating, by price. */
type FixedOrder = 'boost' | 'rating' | 'price'

const fixedOrderOf = (query: EngineQuery, text: AnalyzedText | null): FixedOrder | null =>
  query.sort === 'rating'
    ? 'rating'
    : query.sort === 'price'
      ? 'price'
      : (query.sort === 'distance' && query.near) || text
        ? null
        : 'boost'

const fixedOrders = new WeakMap<Copy, Partial<Record<FixedOrder, Int32Array>>>()

/**
 * Every slot of the copy in a fixed order. Slots never change once written (a changed row
 * takes a new slot), so slots added since the last call are sorted alone and merged in.
 */
const slotsInOrder = (copy: Copy, order: FixedOrder): Int32Array => {
  let orders = fixedOrders.get(copy)
  if (!orders) fixedOrders.set(copy, (orders = {}))
  const sorted = orders[order] ?? new Int32Array(0)
  const size = copy.ids.length
  if (sorted.length === size) return sorted
  const better = orderOf(copy, order === 'boost' ? 'relevance' : order, undefined, null)
  const added = new Int32Array(size - sorted.length)
  for (let i = 0; i < added.length; i++) added[i] = sorted.length + i
  added.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
  const merged = new Int32Array(size)
  for (let i = 0, a = 0, b = 0; i < size; i++) {
    merged[i] =
      b >= added.length || (a < sorted.length && !better(added[b]!, sorted[a]!))
        ? sorted[a++]!
        : added[b++]!
  }
  orders[order] = merged
  return merged
}

/** Sorts the copy in every fixed order now, so the first searches after loading do not. */
export const prepareOrders = (copy: Copy) => {
  for (const order of ['boost', 'rating', 'price'] as const) slotsInOrder(copy, order)
}

/** Runs a search on a copy as it is: the matching slots, their facets and the requested page. */
export const evaluate = (
  copy: Copy,
  query: EngineQuery,
  text: AnalyzedText | null,
): MemoryResult => {
  const scratch = scratchFor(copy)
  const textMatch = text ? matchText(copy, text, scratch) : null
  try {
    return evaluateMatched(copy, query, text, scratch, textMatch?.slots ?? null)
  } finally {
    if (textMatch) {
      for (const slot of textMatch.scored) {
        scratch.rank[slot] = 0
        scratch.wordsMatched[slot] = 0
      }
    }
  }
}

const evaluateMatched = (
  copy: Copy,
  query: EngineQuery,
  text: AnalyzedText | null,
  scratch: Scratch,
  textSlots: number[] | null,
): MemoryResult => {
  const words = wordsFor(copy.ids.length)
  const wanted = query.categories.map((slug) => copy.categories.index.get(slug) ?? -1)
  const region = query.region ? (copy.regions.index.get(query.region) ?? -2) : -1
  const price = query.priceRange ? (copy.priceRanges.index.get(query.priceRange) ?? -2) : -1

  // What the facet fields allow, as bits: live slots ∩ any wanted category ∩ region ∩ price
  // range ∩ verified.
  const { filter } = scratch
  filter.set(copy.aliveBits.subarray(0, words))
  const keepOnly = (bits: Bits | undefined) =>
    bits ? intersect(filter, bits, words) : filter.fill(0, 0, words)
  if (wanted.length) {
    const sets = wanted.flatMap((c) =>
      c >= 0 && copy.categoryBits[c] ? [copy.categoryBits[c]] : [],
    )
    if (sets.length <= 1) keepOnly(sets[0])
    else {
      for (let i = 0; i < words; i++) {
        let any = 0
        for (const bits of sets) any |= bits[i]!
        filter[i]! &= any
      }
    }
  }
  if (region !== -1) keepOnly(copy.regionBits[region])
  if (price !== -1) keepOnly(copy.priceBits[price])
  if (query.verifiedOnly) keepOnly(copy.verifiedBits)

  // What the bits cannot say, slot by slot.
  const minRating = query.minRating == null ? null : Math.fround(query.minRating)
  const near = query.near
  const nearBox = near ? radiusBox(near) : null
  const { distance } = scratch
  const bounds = query.bounds
  const availability = query.availability
    ? {
        start: epochDay(query.availability.startDate),
        end: epochDay(query.availability.endDate) + 1,
      }
    : null
  const checked = minRating !== null || near || bounds || availability
  const passes = (slot: number): boolean => {
    if (minRating !== null && !(copy.ratingAverage[slot]! >= minRating)) return false
    if (near) {
      const lat = copy.lat[slot]!
      const lng = copy.lng[slot]!
      if (Number.isNaN(lat) || Number.isNaN(lng)) return false
      if (lat < nearBox!.south || lat > nearBox!.north) return false
      const km = haversineKm(near, { lat, lng })
      if (km > near.radiusKm) return false
      distance[slot] = km
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

  // The matches as bits: the slots the words found, or those of a candidate list shorter than
  // the filter, that the filter holds and that pass; else the filter's own slots that pass.
  let matches = filter
  let total = 0
  const candidates = textSlots
    ? [textSlots]
    : checked
      ? smallestCandidateList(copy, query, wanted, region)
      : null
  const listed = candidates?.reduce((sum, part) => sum + part.length, 0) ?? 0
  const narrowed = wanted.length > 0 || region !== -1 || price !== -1 || query.verifiedOnly
  if (textSlots && !narrowed && !checked) {
    // Words alone: each slot they found (once each, all live) is a match.
    matches = scratch.matched
    matches.fill(0, 0, words)
    for (const slot of textSlots) setBit(matches, slot)
    total = textSlots.length
  } else if (candidates && (textSlots || listed < countBits(filter, words))) {
    matches = scratch.matched
    matches.fill(0, 0, words)
    for (const part of candidates) {
      for (const slot of part) {
        if (hasBit(filter, slot) && !hasBit(matches, slot) && passes(slot)) {
          setBit(matches, slot)
          total += 1
        }
      }
    }
  } else if (checked) {
    forEachBit(filter, words, (slot) => {
      if (passes(slot)) total += 1
      else clearBit(filter, slot)
    })
  } else {
    total = countBits(filter, words)
  }

  const offset = (query.page - 1) * query.limit
  const wantedCount = offset + query.limit
  let page: number[] = []
  if (offset < total) {
    const order = fixedOrderOf(query, text)
    // Walking a fixed order meets about wantedCount × slots / total slots before it has the
    // page; a heap over the matches reads each of them once.
    if (order && wantedCount * copy.ids.length < total * total) {
      for (const slot of slotsInOrder(copy, order)) {
        if (hasBit(matches, slot)) page.push(slot)
        if (page.length === wantedCount) break
      }
    } else {
      const { list } = scratch
      let n = 0
      forEachBit(matches, words, (slot) => (list[n++] = slot))
      const better = orderOf(copy, query.sort, text ? scratch.rank : undefined, near && distance)
      page = topK(list.subarray(0, n), wantedCount, better)
    }
  }
  return {
    ids: page.slice(offset).map((slot) => copy.ids[slot]!),
    total,
    facets: query.facets ? countFacets(copy, matches, words, total) : null,
  }
}
