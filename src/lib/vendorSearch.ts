import { createLocalReq } from 'payload'

import { slugs } from '@/collections/slugs'
import {
  type FieldProblem,
  SearchRequestError,
  searchVendors,
  type VendorSearchResponse,
} from '@/plugins/search'

import { type Place, placeSuggestions } from './geo'
import { type Widened, widenUntilFound } from './geo/radius'
import { getCurrentUser, getPayloadClient } from './payload'
import { firstParam, pageParam } from './searchParams'

/**
 * The search page keeps its whole state in the URL, in short readable keys, so a search can be
 * shared, bookmarked and walked back with the browser's back button.
 */
export type SearchState = {
  q: string
  near: string
  radius: string
  category: string[]
  region: string
  price: string
  rating: string
  verified: boolean
  from: string
  to: string
  sort: string
  page: number
  view: 'list' | 'map'
  /** The map's area after "Search this area": `south,west,north,east`. */
  bounds: string
}

export const RESULTS_PER_PAGE = 12
/** The map shows up to this many pins for the current search. */
export const MAP_RESULTS = 50
export const RADIUS_OPTIONS = [10, 25, 30, 50, 100, 200] as const

type Params = Record<string, string | string[] | undefined>

const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)

export const searchStateFromParams = (params: Params): SearchState => ({
  q: firstParam(params.q).slice(0, 200),
  near: firstParam(params.near).slice(0, 100),
  radius: firstParam(params.radius),
  category: list(params.category).slice(0, 20),
  region: firstParam(params.region),
  price: firstParam(params.price),
  rating: firstParam(params.rating),
  verified: firstParam(params.verified) === '1',
  from: firstParam(params.from),
  to: firstParam(params.to),
  sort: firstParam(params.sort),
  page: pageParam(params.page),
  view: firstParam(params.view) === 'map' ? 'map' : 'list',
  bounds: firstParam(params.bounds).slice(0, 100),
})

/** The URL of the search page for a state; `page` resets unless it is changed explicitly. */
export const searchHref = (state: SearchState, changes: Partial<SearchState> = {}): string => {
  const next = { ...state, page: 1, ...changes }
  const params = new URLSearchParams()
  if (next.q) params.set('q', next.q)
  if (next.near) params.set('near', next.near)
  if (next.near && next.radius) params.set('radius', next.radius)
  for (const slug of next.category) params.append('category', slug)
  if (next.region) params.set('region', next.region)
  if (next.price) params.set('price', next.price)
  if (next.rating) params.set('rating', next.rating)
  if (next.verified) params.set('verified', '1')
  if (next.from) params.set('from', next.from)
  if (next.to) params.set('to', next.to)
  if (next.sort) params.set('sort', next.sort)
  if (next.page > 1) params.set('page', String(next.page))
  if (next.view === 'map') params.set('view', 'map')
  if (next.bounds) params.set('bounds', next.bounds)
  const query = params.toString()
  return query ? `/vendors?${query}` : '/vendors'
}

/** The API request (VendorSearchRequest in query form) for a page state. */
const apiParams = (state: SearchState): Record<string, unknown> => ({
  ...(state.q && { query: state.q }),
  ...(state.near && {
    location: { place: state.near, ...(state.radius && { radius: state.radius }) },
  }),
  ...(state.category.length && { categories: state.category }),
  ...(state.region && { region: state.region }),
  ...(state.price && { priceRange: state.price }),
  ...(state.rating && { rating: state.rating }),
  ...(state.verified && { verified: 'true' }),
  ...((state.from || state.to) && {
    availability: { startDate: state.from || state.to, endDate: state.to || state.from },
  }),
  ...(state.sort && { sortBy: state.sort }),
  ...(state.bounds && { bounds: state.bounds }),
  pagination:
    state.view === 'map'
      ? { page: 1, limit: MAP_RESULTS }
      : { page: state.page, limit: RESULTS_PER_PAGE },
})

export type SearchOutcome =
  | { ok: true; response: VendorSearchResponse; widened: Widened | null }
  | { ok: false; problems: FieldProblem[]; suggestions: Place[] }

/**
 * Runs the search the API runs, in-process, as the visitor. Near a place with no distance
 * chosen, the radius widens until there are vendors to choose from (`src/lib/geo/radius.ts`);
 * a place we do not know comes back with places to try instead.
 */
export const runVendorSearch = async (state: SearchState): Promise<SearchOutcome> => {
  const payload = await getPayloadClient()
  const user = await getCurrentUser()
  const req = await createLocalReq(
    { user: user ? { ...user, collection: slugs.users } : undefined },
    payload,
  )
  try {
    const first = await searchVendors(req, apiParams(state))
    const startKm = first.meta.location?.radiusKm
    if (!state.near || state.radius || startKm === undefined) {
      return { ok: true, response: first, widened: null }
    }
    const { answer, widened } = await widenUntilFound(
      startKm,
      (radiusKm) =>
        radiusKm === startKm
          ? Promise.resolve(first)
          : searchVendors(req, apiParams({ ...state, radius: String(radiusKm) })),
      (response) => response.data.total,
    )
    return { ok: true, response: answer, widened }
  } catch (error) {
    if (error instanceof SearchRequestError) {
      const unknownPlace = error.details.some((problem) => problem.field === 'location.place')
      return {
        ok: false,
        problems: error.details,
        suggestions: unknownPlace ? placeSuggestions(state.near) : [],
      }
    }
    throw error
  }
}
