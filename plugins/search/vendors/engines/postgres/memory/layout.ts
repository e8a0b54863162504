import { RATING_BUCKETS } from '../../../types'
import { type Bits, clearBit, grown, setBit } from './bitset'

/**
 * How the in-memory copy of the search table is laid out: columnar (one array per column,
 * indexed by slot), with an inverted index of the table's own tsvectors and lists of slots per
 * category, region and map cell. Rows are appended; a row that replaces another leaves a dead
 * slot that every reader skips, until the copy is rebuilt.
 */

/** One row of the search table as the copy reads it (see `selectRows` in changeLog.ts). */
export type Row = {
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

/** The values a column has taken, numbered in the order they first arrived. */
export type Dictionary = { values: string[]; index: Map<string, number> }

export type Copy = {
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
  /**
   * The same sets as bits (bitset.ts), each `bitWords` words long: live slots, slots per
   * category, region and price range, the verified, and `ratingBits[t]` the slots whose average
   * reaches at least t + 1 of the rating thresholds. A search without words filters and counts
   * its facets with these.
   */
  bitWords: number
  aliveBits: Bits
  categoryBits: Bits[]
  regionBits: Bits[]
  priceBits: Bits[]
  verifiedBits: Bits
  ratingBits: Bits[]
  /** Lexemes in sort order, for prefix matches; rebuilt when a new lexeme arrives. */
  lexemes: string[] | null
  categories: Dictionary
  regions: Dictionary
  priceRanges: Dictionary
}

/** Postings pack the slot with the lexeme's best weight class (2 bits) and repeat count (2 bits). */
export const POSTING_SHIFT = 4

/** Map cells of 0.2° (about 22 × 16 km in New Zealand) for radius and map-box searches. */
const CELL_DEGREES = 0.2
export const cellOf = (degrees: number) => Math.floor(degrees / CELL_DEGREES)
export const cellKey = (latCell: number, lngCell: number) => latCell * 10_000 + lngCell

/** RATING_BUCKETS as the database compares them, to a `real` column. */
const BUCKET_THRESHOLDS = RATING_BUCKETS.map((bucket) => Math.fround(bucket))

/** How many regions and price ranges the packed facet fields have room for. */
const MAX_REGIONS = 0xffff
const MAX_PRICE_RANGES = 0xff

/**
 * The facet fields of one vendor in one small integer, so counting facets reads one number per
 * match: how many rating thresholds the average reaches (2 bits), verified (1 bit), price
 * range + 1 (8 bits), region + 1 (16 bits); 0 in a field means none.
 */
export const pack = (f: { region: number; price: number; bucket: number; verified: boolean }) =>
  f.bucket | (f.verified ? 1 << 2 : 0) | ((f.price + 1) << 3) | ((f.region + 1) << 11)
export const bucketOf = (bits: number) => bits & 3
export const isVerified = (bits: number) => (bits & (1 << 2)) !== 0
export const priceOf = (bits: number) => ((bits >> 3) & MAX_PRICE_RANGES) - 1
export const regionOf = (bits: number) => ((bits >> 11) & MAX_REGIONS) - 1

const emptyDictionary = (): Dictionary => ({ values: [], index: new Map() })

/** The number of `value`, given the next one when it is new. */
const numberOf = (dictionary: Dictionary, value: string, capacity: number): number => {
  let index = dictionary.index.get(value)
  if (index === undefined) {
    if (dictionary.values.length >= capacity)
      throw new Error(`The in-memory search copy holds at most ${capacity} values of a facet`)
    index = dictionary.values.push(value) - 1
    dictionary.index.set(value, index)
  }
  return index
}

/** Room for 2,048 slots at first; every bitset doubles together when the slots outgrow it. */
const INITIAL_BIT_WORDS = 64

const makeRoomFor = (copy: Copy, slot: number) => {
  if (slot >>> 5 < copy.bitWords) return
  const words = Math.max(copy.bitWords * 2, (slot >>> 5) + 1)
  const grow = (bits: Bits) => grown(bits, words)
  copy.aliveBits = grow(copy.aliveBits)
  copy.categoryBits = copy.categoryBits.map(grow)
  copy.regionBits = copy.regionBits.map(grow)
  copy.priceBits = copy.priceBits.map(grow)
  copy.verifiedBits = grow(copy.verifiedBits)
  copy.ratingBits = copy.ratingBits.map(grow)
  copy.bitWords = words
}

/** The bitset of value `index` in `sets`, created empty the first time. */
const bitsOf = (copy: Copy, sets: Bits[], index: number): Bits =>
  (sets[index] ??= new Uint32Array(copy.bitWords))

export const emptyCopy = (generation: string | null, horizon: string): Copy => ({
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
  byRegion: [],
  byCell: new Map(),
  bitWords: INITIAL_BIT_WORDS,
  aliveBits: new Uint32Array(INITIAL_BIT_WORDS),
  categoryBits: [],
  regionBits: [],
  priceBits: [],
  verifiedBits: new Uint32Array(INITIAL_BIT_WORDS),
  ratingBits: RATING_BUCKETS.map(() => new Uint32Array(INITIAL_BIT_WORDS)),
  lexemes: [],
  categories: emptyDictionary(),
  regions: emptyDictionary(),
  priceRanges: emptyDictionary(),
})

const TSV_ENTRY = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g

/** `'band':3A,5B 'photo':7` → each lexeme with its best weight class (0 = A) and repeat count. */
export const parseTsvector = (
  text: string,
): { lexeme: string; weight: number; count: number }[] => {
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

export const removeRow = (copy: Copy, id: number) => {
  const slot = copy.slotById.get(id)
  if (slot === undefined) return
  copy.alive[slot] = false
  clearBit(copy.aliveBits, slot)
  copy.slotById.delete(id)
  copy.liveCount -= 1
}

/** Appends a row in a new slot; the row it replaces, if any, becomes a dead slot. */
export const addRow = (copy: Copy, row: Row) => {
  removeRow(copy, row.id)
  const slot = copy.ids.length
  copy.slotById.set(row.id, slot)
  copy.ids.push(row.id)
  copy.alive.push(true)
  makeRoomFor(copy, slot)
  setBit(copy.aliveBits, slot)
  copy.liveCount += 1
  copy.nameFolded.push(row.name_folded)
  for (const slug of row.category_slugs) {
    const index = numberOf(copy.categories, slug, Number.MAX_SAFE_INTEGER)
    ;(copy.byCategory[index] ??= []).push(slot)
    setBit(bitsOf(copy, copy.categoryBits, index), slot)
    copy.categoryFlat.push(index)
  }
  copy.categoryStart.push(copy.categoryFlat.length)
  const region = numberOf(copy.regions, row.region, MAX_REGIONS - 1)
  ;(copy.byRegion[region] ??= []).push(slot)
  setBit(bitsOf(copy, copy.regionBits, region), slot)
  if (row.lat != null && row.lng != null) {
    const key = cellKey(cellOf(row.lat), cellOf(row.lng))
    const cell = copy.byCell.get(key)
    if (cell) cell.push(slot)
    else copy.byCell.set(key, [slot])
  }
  const average = Math.fround(row.rating_average)
  const price = numberOf(copy.priceRanges, row.price_range, MAX_PRICE_RANGES - 1)
  const bucket = BUCKET_THRESHOLDS.filter((threshold) => average >= threshold).length
  copy.facetBits.push(pack({ region, price, bucket, verified: row.verified }))
  setBit(bitsOf(copy, copy.priceBits, price), slot)
  if (row.verified) setBit(copy.verifiedBits, slot)
  for (let reached = 0; reached < bucket; reached++) setBit(copy.ratingBits[reached]!, slot)
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

/** Every lexeme starting with `prefix`, by binary search over the sorted lexemes. */
export const lexemesWithPrefix = (copy: Copy, prefix: string): string[] => {
  const sorted = (copy.lexemes ??= [...copy.postings.keys()].sort())
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
