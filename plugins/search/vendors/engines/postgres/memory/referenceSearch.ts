import { epochDay } from '../../../../shared/engine'
import { haversineKm, withinLongitudes } from '../../../../shared/geo'
import {
  type EngineQuery,
  type FacetCounts,
  RATING_BUCKETS,
  SORTS,
  vendorQuery,
} from '../../../types'
import type { AnalyzedText, MemoryResult } from './evaluate'
import { parseTsvector, type Row } from './layout'
import { row } from './testFixtures'

/**
 * For the in-memory search's unit specs: random vendors and queries from a seeded generator,
 * and the plainest way to answer a query — every live row read one by one, filtered, ranked
 * and sorted whole, facets added up row by row — to compare the engine with.
 */

/** mulberry32: a small seeded generator, so a failure is the same failure every run. */
export const seeded = (seed: number) => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!
  return { next, int, pick }
}

export type Random = ReturnType<typeof seeded>

/** The facet values rows and queries are drawn from; a spec may widen them as it goes. */
export type Values = { categories: string[]; regions: string[]; prices: string[] }

export const VALUES: Values = {
  categories: ['bands', 'caterers', 'djs', 'florists', 'photographers', 'venues', 'cakes'],
  regions: ['auckland', 'wellington', 'canterbury', 'otago', 'northland', 'waikato'],
  prices: ['budget', 'moderate', 'premium', 'luxury'],
}
const WORDS = ['photo', 'photograph', 'band', 'cater', 'caterer', 'flower', 'florist', 'the']
const TOWNS = [
  { lat: -36.85, lng: 174.76 },
  { lat: -41.29, lng: 174.78 },
  { lat: -43.53, lng: 172.64 },
  { lat: -45.87, lng: 170.5 },
]
const day0 = epochDay('2027-01-01')

export const randomRow = (random: Random, id: number, values: Values = VALUES): Row => {
  const categories = [
    ...new Set(Array.from({ length: random.int(0, 3) }, () => random.pick(values.categories))),
  ]
  const lexemes = [...new Set(Array.from({ length: random.int(1, 4) }, () => random.pick(WORDS)))]
  const town = random.pick(TOWNS)
  const located = random.next() < 0.9
  const closed: number[] = []
  for (let start = day0 + random.int(0, 30); random.next() < 0.4; start += random.int(5, 40)) {
    closed.push(start, start + random.int(1, 6))
  }
  const name = `${random.pick(WORDS)} ${random.pick(['co', 'studio', 'house'])}`
  return row({
    id,
    name_folded: random.next() < 0.1 ? random.pick(WORDS) : name,
    tsv: lexemes
      .map((lexeme, i) => {
        const positions = Array.from(
          { length: random.int(1, 5) },
          (_, p) => `${i * 10 + p + 1}${random.pick(['A', 'B', 'C', ''])}`,
        )
        return `'${lexeme}':${positions.join(',')}`
      })
      .join(' '),
    category_slugs: categories,
    region: random.pick(values.regions),
    price_range: random.pick(values.prices),
    price_rank: random.int(1, 4),
    // One decimal, so float32 storage orders and compares these as exact numbers would.
    rating_average: random.int(0, 50) / 10,
    rating_score: random.int(30, 50) / 10,
    rating_count: random.int(0, 40),
    tier_boost: random.int(0, 2),
    verified: random.next() < 0.3,
    lat: located ? town.lat + (random.next() - 0.5) * 1.5 : null,
    lng: located ? town.lng + (random.next() - 0.5) * 1.5 : null,
    closed,
  })
}

export const randomText = (random: Random): AnalyzedText | null => {
  if (random.next() < 0.5) return null
  const count = random.int(1, 3)
  const tokens = Array.from({ length: count }, (_, i) => {
    const word = random.pick(WORDS)
    const prefix = i === count - 1
    const cut = prefix ? word.slice(0, random.int(2, word.length)) : word
    return {
      options: [cut],
      lexemes: random.next() < 0.3 ? [cut, random.pick(WORDS)] : [cut],
      prefix,
      stopword: word === 'the',
    }
  })
  return { tokens, folded: tokens.map((t) => t.options[0]).join(' ') }
}

export const randomQuery = (random: Random, values: Values = VALUES): EngineQuery => {
  const sometimes = <T>(share: number, value: () => T): T | null =>
    random.next() < share ? value() : null
  const town = random.pick(TOWNS)
  const startDay = random.int(0, 60)
  return vendorQuery({
    categories:
      sometimes(0.4, () =>
        Array.from({ length: random.int(1, 3) }, () =>
          random.pick([...values.categories, 'unknown']),
        ),
      ) ?? [],
    region: sometimes(0.3, () => random.pick([...values.regions, 'nowhere'])),
    priceRange: sometimes(0.3, () => random.pick([...values.prices, 'free'])),
    minRating: sometimes(0.2, () => random.pick([3, 4, 4.5, 2.5])),
    verifiedOnly: random.next() < 0.2,
    near: sometimes(0.3, () => ({ ...town, radiusKm: random.pick([5, 20, 50, 300, 3000]) })),
    bounds: sometimes(0.1, () => ({
      south: town.lat - 0.4,
      north: town.lat + 0.4,
      west: town.lng - random.pick([0.5, 5]),
      east: town.lng + 0.5,
    })),
    availability: sometimes(0.2, () => ({
      startDate: new Date((day0 + startDay) * 86_400_000).toISOString().slice(0, 10),
      endDate: new Date((day0 + startDay + random.int(0, 5)) * 86_400_000)
        .toISOString()
        .slice(0, 10),
    })),
    sort: random.pick(SORTS),
    page: random.pick([1, 1, 1, 2, 3, 9]),
    limit: random.pick([1, 5, 20, 20, 50]),
    facets: random.next() < 0.9,
  })
}

const WEIGHTS = [1, 0.4, 0.2, 0.1]

/** The search the slow, obvious way, from the rows alone. */
export const reference = (
  rows: Map<number, Row>,
  query: EngineQuery,
  text: AnalyzedText | null,
): MemoryResult => {
  const float = Math.fround
  const matches: { row: Row; rank: number; km: number }[] = []
  for (const r of rows.values()) {
    if (query.categories.length && !query.categories.some((c) => r.category_slugs.includes(c)))
      continue
    if (query.region && r.region !== query.region) continue
    if (query.priceRange && r.price_range !== query.priceRange) continue
    if (query.minRating != null && !(float(r.rating_average) >= float(query.minRating))) continue
    if (query.verifiedOnly && !r.verified) continue
    let km = 0
    if (query.near) {
      if (r.lat == null || r.lng == null) continue
      km = haversineKm(query.near, { lat: r.lat, lng: r.lng })
      if (km > query.near.radiusKm) continue
    }
    if (query.bounds) {
      const b = query.bounds
      if (r.lat == null || r.lng == null) continue
      if (!(r.lat >= b.south && r.lat <= b.north) || !withinLongitudes(r.lng, b.west, b.east))
        continue
    }
    if (query.availability) {
      const start = epochDay(query.availability.startDate)
      const end = epochDay(query.availability.endDate) + 1
      let open = true
      for (let i = 0; i < r.closed.length; i += 2) {
        if (r.closed[i]! < end && r.closed[i + 1]! > start) open = false
      }
      if (!open) continue
    }
    let rank = 0
    if (text) {
      const entries = parseTsvector(r.tsv)
      const nonStop = text.tokens.filter((t) => !t.stopword).length
      const required = nonStop ? nonStop : text.tokens.length
      let matched = 0
      for (const token of text.tokens) {
        let best = 0
        for (const entry of entries) {
          const hit = token.lexemes.some((l) =>
            token.prefix ? entry.lexeme.startsWith(l) : entry.lexeme === l,
          )
          if (hit)
            best = Math.max(
              best,
              WEIGHTS[entry.weight]! * (1 + 0.1 * (Math.min(entry.count, 4) - 1)),
            )
        }
        if (best > 0) {
          rank += best
          if (!(token.stopword && required < text.tokens.length)) matched += 1
        }
      }
      if (matched !== required) continue
      const n = text.tokens.length
      const inName = rank >= n
      rank =
        (rank / n) * (1 + 0.1 * r.tier_boost) +
        (inName && r.name_folded === text.folded
          ? 10
          : inName && r.name_folded.startsWith(`${text.folded} `)
            ? 2
            : 0)
    }
    matches.push({ row: r, rank, km })
  }
  type M = (typeof matches)[number]
  const desc = (a: number, b: number) => b - a
  const score = (a: M, b: M) => desc(float(a.row.rating_score), float(b.row.rating_score))
  const byId = (a: M, b: M) => a.row.id - b.row.id
  const compare = (a: M, b: M): number => {
    if (query.sort === 'rating')
      return score(a, b) || desc(a.row.rating_count, b.row.rating_count) || byId(a, b)
    if (query.sort === 'price')
      return a.row.price_rank - b.row.price_rank || score(a, b) || byId(a, b)
    if (query.sort === 'distance' && query.near) return a.km - b.km || byId(a, b)
    if (text) return desc(a.rank, b.rank) || score(a, b) || byId(a, b)
    return desc(a.row.tier_boost, b.row.tier_boost) || score(a, b) || byId(a, b)
  }
  matches.sort(compare)
  const offset = (query.page - 1) * query.limit
  const tally = (values: string[]) => {
    const counts: Record<string, number> = {}
    for (const value of values) counts[value] = (counts[value] ?? 0) + 1
    return counts
  }
  const facets: FacetCounts = {
    categories: tally(matches.flatMap((m) => m.row.category_slugs)),
    regions: tally(matches.map((m) => m.row.region)),
    priceRanges: tally(matches.map((m) => m.row.price_range)),
    ratings: Object.fromEntries(
      RATING_BUCKETS.map((b) => [
        String(b),
        matches.filter((m) => float(m.row.rating_average) >= float(b)).length,
      ]),
    ),
    verified: matches.filter((m) => m.row.verified).length,
  }
  return {
    ids: matches.slice(offset, offset + query.limit).map((m) => m.row.id),
    total: matches.length,
    facets: query.facets ? facets : null,
  }
}
