/**
 * A request's path as a route with its ids and names replaced (`/api/vendors/:id`), so that the
 * metrics have one series per route rather than per vendor, and the log never carries a token
 * that travels in a path (calendar feeds, unsubscribe links). Under `/api` the words after the
 * collection are actions (`search`, `me`, `login`) and kept; on a page only the first segment and
 * the site's own sub-page words are, because a page's later segments are slugs
 * (`/vendors/harbour-lights-photography`). Anything else becomes `:id` (digits) or `:param`. Past a
 * few hundred routes, whatever a client makes up is `other`, so nobody can grow the metrics
 * without bound.
 */
const WORD = /^[a-z][a-z-]{0,29}$/
const DIGITS = /^\d+$/
const MAX_ROUTES = 400

/** The static sub-page segments under `src/app` (the first segment is always kept). */
const PAGE_WORDS = new Set([
  'bookings',
  'cancelled',
  'export',
  'inbox',
  'jobs',
  'link',
  'my-jobs',
  'new',
  'quotes',
  'review',
  'saved',
  'security',
  'success',
  'vendor-profile',
])

const seen = new Set<string>()

const segment = (part: string, index: number, api: boolean) =>
  WORD.test(part) && (api || index === 0 || PAGE_WORDS.has(part))
    ? part
    : DIGITS.test(part)
      ? ':id'
      : ':param'

export const routeOf = (pathname: string): string => {
  if (pathname.startsWith('/_next/')) return '/_next/:asset'
  const parts = pathname.split('/').filter(Boolean)
  // An upload's file name is a name, whatever it looks like.
  const file = parts.indexOf('file')
  const kept = parts.map((part, index) =>
    parts[0] === 'api' && file > 0 && index > file
      ? ':name'
      : segment(part, index, parts[0] === 'api'),
  )
  const route = `/${kept.join('/')}`
  if (seen.has(route)) return route
  if (seen.size >= MAX_ROUTES) return 'other'
  seen.add(route)
  return route
}
