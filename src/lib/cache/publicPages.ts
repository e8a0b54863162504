import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { idOf } from '@/lib/kit/ids'

/**
 * Anonymous visitors' copies of the public pages live under this prefix (`src/app/(frontend)/
 * cached/`), rendered once and served from Next's cache. Nobody links to it: `src/proxy.ts`
 * rewrites a request there when it has no session. Asked for by name it is the same anonymous
 * page, whose canonical address is the public one.
 */
export const CACHED_PREFIX = '/cached'

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The public path (`/`, `/pricing`, `/vendors/<slug>`) whose anonymous copy is cached, or null. */
const cachedPage = (pathname: string): string | null => {
  if (pathname === '/' || pathname === '/pricing') return pathname
  const vendor = /^\/vendors\/([^/]+)$/.exec(pathname)
  return vendor && SLUG.test(vendor[1]!) ? pathname : null
}

/** Where a public path's anonymous copy is rendered: `/` → `/cached/home`, `/pricing` → `/cached/pricing`. */
export const cachedCopyOf = (pathname: string): string =>
  pathname === '/' ? `${CACHED_PREFIX}/home` : `${CACHED_PREFIX}${pathname}`

export type PageRequest = {
  method: string
  pathname: string
  searchParams: URLSearchParams
  /** Whether the request carries a session (its cookie, or an `Authorization` header), valid or not. */
  hasSession: boolean
}

/**
 * Where to serve a page request from the anonymous cache, or null to render it for the person.
 * Only reads (GET, HEAD) without a session cookie, of a cached page, with no query other than
 * the router's own `_rsc`: a query (`?page=2`, `?notice=…`) may change what the page shows.
 */
export const cachedRouteFor = ({
  method,
  pathname,
  searchParams,
  hasSession,
}: PageRequest): string | null => {
  if (hasSession || (method !== 'GET' && method !== 'HEAD')) return null
  if ([...searchParams.keys()].some((key) => key !== '_rsc')) return null
  const page = cachedPage(pathname)
  return page ? cachedCopyOf(page) : null
}

/** Whether a path is one of the cache's own (rendered without a nonce, like every cached copy). */
export const isCachedCopyPath = (pathname: string): boolean =>
  pathname === CACHED_PREFIX || pathname.startsWith(`${CACHED_PREFIX}/`)

const QUIET = Symbol.for('event-pros.public-pages.quiet')
const quietDepth = (): number => (globalThis as { [QUIET]?: number })[QUIET] ?? 0

/**
 * Runs start-up work (the demo seed) without refreshing pages for each thing it writes: it runs
 * inside whichever request first starts Payload, often a cached page's own render, where Next
 * allows no revalidation, and nothing is cached before it ends.
 */
export const withoutPageRefresh = async <T>(work: () => Promise<T>): Promise<T> => {
  const state = globalThis as { [QUIET]?: number }
  state[QUIET] = quietDepth() + 1
  try {
    return await work()
  } finally {
    state[QUIET] = quietDepth() - 1
  }
}

/**
 * Marks the anonymous copies of `paths` stale, once the request that changed them has answered
 * (so after its transaction committed: a copy rendered sooner could hold the old data). Outside
 * a request (a scheduled task, the seed, a test) there is no cache of Next's to mark; the
 * pages' own `revalidate` time catches up there.
 */
export const refreshPublicPages = async (paths: string[]): Promise<void> => {
  if (quietDepth() > 0) return
  const copies = [...new Set(paths.map(cachedPage).filter((p): p is string => p !== null))]
  if (!copies.length) return
  try {
    // Loaded here, not at the top: the config (and so this module) also runs under Payload's
    // CLI and the benchmarks, outside Next, where these modules cannot even be resolved.
    const [{ after }, { revalidatePath }] = await Promise.all([
      import('next/server'),
      import('next/cache'),
    ])
    after(() => {
      for (const copy of copies) {
        try {
          revalidatePath(cachedCopyOf(copy))
        } catch {
          // During a page's render Next allows no revalidation, and a copy rendered from now
          // on already has the change.
        }
      }
    })
  } catch {
    // Not inside a request of Next's (or not in Next at all): nothing here is cached by it.
  }
}

const vendorPage = (slug: unknown): string[] =>
  typeof slug === 'string' && slug ? [`/vendors/${slug}`] : []

/** A vendor's page and the home page (featured vendors) when a profile changes or goes. */
export const refreshAfterVendorChange: CollectionAfterChangeHook = async ({ doc, previousDoc }) => {
  await refreshPublicPages(['/', ...vendorPage(doc?.slug), ...vendorPage(previousDoc?.slug)])
  return doc
}

export const refreshAfterVendorDelete: CollectionAfterDeleteHook = async ({ doc }) => {
  await refreshPublicPages(['/', ...vendorPage(doc?.slug)])
  return doc
}

/** The page a review or a reply is shown on: the vendor's, named by its slug. */
const slugOfVendor = async (req: PayloadRequest, vendor: unknown) => {
  const id = idOf(vendor)
  if (typeof id !== 'number') return null
  // System read: only to name the page to refresh; nothing read here is shown to anyone.
  const found = await req.payload.findByID({
    collection: slugs.vendors,
    id,
    depth: 0,
    select: { slug: true },
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  return found?.slug ?? null
}

/** A review or a vendor's reply changed: the vendor's page (rating, reviews) and the home page. */
export const refreshAfterReviewChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  await refreshPublicPages(['/', ...vendorPage(await slugOfVendor(req, doc?.vendor))])
  return doc
}

export const refreshAfterReviewDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await refreshPublicPages(['/', ...vendorPage(await slugOfVendor(req, doc?.vendor))])
  return doc
}

/** Categories are listed on the home page. */
export const refreshAfterCategoryChange: CollectionAfterChangeHook = async ({ doc }) => {
  await refreshPublicPages(['/'])
  return doc
}
