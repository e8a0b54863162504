import { safeNextPath } from './safeRedirect'

/** How a browser would resolve the redirect we send: the origin it ends up on. */
const landsOn = (location: string) => new URL(location, 'https://eventpros.example').origin

describe('safeNextPath', () => {
  it.each([
    ['/account', '/account'],
    ['/my-jobs', '/my-jobs'],
    ['/vendors?category=catering&region=auckland', '/vendors?category=catering&region=auckland'],
    ['/jobs/12?tab=quotes#latest', '/jobs/12?tab=quotes#latest'],
    ['/search?q=caf%C3%A9', '/search?q=caf%C3%A9'],
    // Percent-encoded, a tab is only part of a path on this site (a 404 at worst), never a host.
    ['/%09/evil.com', '/%09/evil.com'],
    ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
    ['/a/../account', '/account'],
  ])('follows the same-site path %j as %j', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected)
    expect(landsOn(safeNextPath(value))).toBe('https://eventpros.example')
  })

  it.each([
    '/\t/evil.com',
    '/\n/evil.com',
    '/\r/evil.com',
    '\t//evil.com',
    '/\u0000/evil.com',
    '/ /evil.com',
    '/\u00a0/evil.com',
    '//evil.com',
    '///evil.com',
    '/\\evil.com',
    '/\\/evil.com',
    '\\\\evil.com',
    '/.//evil.com',
    '/..//evil.com',
    '/a/%2e%2e//evil.com',
    'https://evil.com',
    'https:/evil.com',
    'javascript:alert(1)',
    'evil.com',
    '',
    null,
    undefined,
  ])('refuses %j and uses the fallback', (value) => {
    expect(safeNextPath(value)).toBe('/account')
    expect(safeNextPath(value, '')).toBe('')
  })

  it('shows the refused ones really would leave the site, so the refusals are needed', () => {
    // What a browser does with the raw value: WHATWG URL parsing strips tabs and newlines and
    // reads a backslash as a slash in http(s) addresses.
    for (const value of ['/\t/evil.com', '/\n/evil.com', '/\\evil.com', '//evil.com']) {
      expect(landsOn(value)).toBe('https://evil.com')
    }
  })
})
