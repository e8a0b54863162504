const PARSE_BASE = 'http://x.invalid'

/**
 * Only same-site paths are followed after login, so a link cannot send people elsewhere.
 * Browsers drop tabs and newlines from an address and read `\` as `/`, so `/\t/evil.com` and
 * `/\evil.com` would leave the site: any control character, whitespace or backslash is refused
 * outright. What is left is parsed as the browser would, relative to a made-up origin, and kept
 * only if it stays on that origin and does not come out as `//host` after dot segments are
 * resolved (`/.//evil.com`). The parsed path, query and fragment are returned, not the input.
 */
export const safeNextPath = (value: string | null | undefined, fallback = '/account'): string => {
  if (!value || !value.startsWith('/') || /[\u0000-\u001f\u007f\s\\]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, PARSE_BASE)
  } catch {
    return fallback
  }
  if (url.origin !== PARSE_BASE || url.pathname.startsWith('//')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
