import type { EngineName, Near } from '../shared/engine'
import type { SearchOption } from '../types'

/**
 * One vendor as every engine indexes it: public fields only (no contact details, owner or
 * notes), so a search hit can be shown without another read and can never leak.
 */
export type VendorSearchDocument = {
  id: number
  slug: string
  businessName: string
  tagline: string | null
  /** Plain text of the rich-text description, trimmed. */
  description: string
  categories: { slug: string; name: string }[]
  /** The vendor's categories and their parents, so a top-level category finds its children. */
  categorySlugs: string[]
  city: string
  region: string
  regionLabel: string
  serviceRegions: string[]
  lat: number | null
  lng: number | null
  priceRange: string
  /** 1 (budget) … 4 (luxury), for sorting by price. */
  priceRank: number
  ratingAverage: number
  ratingCount: number
  /** Bayesian average: a 5.0 from one review ranks below a 4.8 from forty. */
  ratingScore: number
  tier: string
  /** 0 essential, 1 showcase, 2 spotlight: the paid ranking boost. */
  tierBoost: number
  verified: boolean
  /** Closed periods, ISO dates, inclusive. */
  unavailable: { from: string; to: string }[]
  cover: { url: string; alt: string } | null
  updatedAt: string
}

export const SORTS = ['relevance', 'rating', 'distance', 'price'] as const
export type SearchSort = (typeof SORTS)[number]

/** A validated search, as engines receive it. */
export type EngineQuery = {
  text: string
  categories: string[]
  region: string | null
  priceRange: string | null
  minRating: number | null
  verifiedOnly: boolean
  near: Near | null
  bounds: { north: number; south: number; east: number; west: number } | null
  /** ISO dates, inclusive. */
  availability: { startDate: string; endDate: string } | null
  sort: SearchSort
  page: number
  limit: number
  facets: boolean
}

/** A search for every vendor, first page of 20, facets counted; `overrides` narrow it. */
export const vendorQuery = (overrides: Partial<EngineQuery> = {}): EngineQuery => ({
  text: '',
  categories: [],
  region: null,
  priceRange: null,
  minRating: null,
  verifiedOnly: false,
  near: null,
  bounds: null,
  availability: null,
  sort: 'relevance',
  page: 1,
  limit: 20,
  facets: true,
  ...overrides,
})

/** Thresholds of the rating facet: "4.5 and up", "4 and up", "3 and up". */
export const RATING_BUCKETS = [4.5, 4, 3] as const

export type FacetCounts = {
  categories: Record<string, number>
  regions: Record<string, number>
  priceRanges: Record<string, number>
  /** Keyed by threshold ("4.5", "4", "3"): vendors rated at least that. */
  ratings: Record<string, number>
  verified: number
}

export type EngineHit = { document: VendorSearchDocument }

export type EngineResult = {
  hits: EngineHit[]
  total: number
  facets: FacetCounts | null
}

export type EngineHealth = {
  ok: boolean
  documents: number | null
  error?: string
  /** An engine that searches a copy held in this process: whether it is in use, and its size. */
  memory?: { ready: boolean; documents: number; lexemes: number }
}

/**
 * What the search plugin needs from an engine. Every write resolves only when the engine has
 * applied it and rejects when it has not, so the job queue can retry.
 */
export interface SearchEngine {
  readonly name: EngineName
  /** Creates the index and applies its settings; safe to call again. */
  ensureIndex(): Promise<void>
  upsert(documents: VendorSearchDocument[]): Promise<void>
  delete(ids: number[]): Promise<void>
  search(query: EngineQuery): Promise<EngineResult>
  /** Drops whatever the engine remembers of earlier searches (benchmarks measure without it); optional. */
  forget?(): void
  /** Gets ready to answer searches (an engine that holds state in memory loads it); optional. */
  warm?(): Promise<void>
  health(): Promise<EngineHealth>
  /**
   * Builds a fresh index from `batches` beside the live one and swaps it in, so searches keep
   * answering from the old index until the new one is complete.
   */
  rebuild(batches: AsyncIterable<VendorSearchDocument[]>): Promise<{ documents: number }>
}

/** Bayesian average with a prior of five reviews at 4.0. */
export const bayesianRating = (average: number, count: number): number =>
  Math.round(((5 * 4 + average * count) / (5 + count)) * 1000) / 1000

/**
 * 1 for the cheapest of the price ranges, counting up, so price sorts as a number; a value
 * not in the list sorts in the middle.
 */
export const priceRankOf = (priceRanges: readonly SearchOption[], value: string): number => {
  const index = priceRanges.findIndex((range) => range.value === value)
  return index >= 0 ? index + 1 : Math.ceil(priceRanges.length / 2)
}
