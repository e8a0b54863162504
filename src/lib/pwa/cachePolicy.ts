/**
 * What the service worker keeps on the device, as plain functions of a URL so they can be
 * tested: the pages a person opened (to read again offline), the site's hashed assets, public
 * images and the icons. Never: anything under /api except public media (private files,
 * personal data, sign-in), the admin, and the pages that sign people in or hand out secrets.
 */

/** Pages that are never stored: sign-in, secrets shown once, downloads, and the admin. */
const NEVER_STORED = [
  /^\/admin(\/|$)/,
  /^\/api\//,
  /^\/login(\/|$)/,
  /^\/signup(\/|$)/,
  /^\/reset-password(\/|$)/,
  /^\/forgot-password(\/|$)/,
  /^\/verify-email(\/|$)/,
  /^\/unsubscribe(\/|$)/,
  /^\/account\/security(\/|$)/,
  /^\/account\/export(\/|$)/,
  /^\/billing\//,
  /^\/serwist\//,
]

/** A page of the site a person may read again offline once they have opened it. */
export const isStorablePage = (url: URL, origin: string) =>
  url.origin === origin && !NEVER_STORED.some((pattern) => pattern.test(url.pathname))

/** Next's build output: file names carry a content hash, so a stored copy never goes stale. */
export const isHashedAsset = (url: URL, origin: string) =>
  url.origin === origin && url.pathname.startsWith('/_next/static/')

/**
 * Public images: uploaded media (vendors' covers and portfolios, served to anyone) and the
 * resized copies Next makes of them. Private files have routes of their own and never match.
 */
export const isPublicImage = (url: URL, origin: string) =>
  url.origin === origin &&
  (url.pathname.startsWith('/api/media/file/') ||
    (url.pathname === '/_next/image' &&
      (url.searchParams.get('url') ?? '').startsWith('/api/media/file/')))

export const isIcon = (url: URL, origin: string) =>
  url.origin === origin && (url.pathname.startsWith('/icons/') || url.pathname === '/favicon.ico')

/** The caches holding pages, emptied when someone logs out so the next person sees nothing. */
export const PERSONAL_CACHES = ['pages'] as const

export const OFFLINE_URL = '/offline'
