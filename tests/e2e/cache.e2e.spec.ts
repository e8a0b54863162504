import {
  type APIRequestContext,
  expect,
  request as playwrightRequest,
  test,
} from '@playwright/test'

import { DEMO_PASSWORD } from './support'

/**
 * The anonymous cache: the home page, the plans and vendor pages are rendered once for every
 * visitor without a session and served from Next's cache; anyone signed in gets their own page,
 * never stored. No person may ever see another person's page from the cache.
 */

type Vendor = { id: number; slug: string; tagline: string | null; owner: { email: string } }

/** A browser-like client signed in as `email`: the session cookie on every request. */
const signedInContext = async (baseURL: string, email: string) => {
  const login = await (
    await playwrightRequest.newContext({ baseURL })
  ).post('/api/users/login', {
    data: { email, password: DEMO_PASSWORD },
  })
  expect(login.ok()).toBe(true)
  const { token } = (await login.json()) as { token: string }
  const { hostname } = new URL(baseURL)
  return playwrightRequest.newContext({
    baseURL,
    // As a browser typing the address: Payload honours a session cookie only on such requests.
    extraHTTPHeaders: { 'Sec-Fetch-Site': 'none' },
    storageState: {
      cookies: [
        {
          name: 'payload-token',
          value: token,
          domain: hostname,
          path: '/',
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: 'Lax',
        },
      ],
      origins: [],
    },
  })
}

/** The page twice, anonymously: the second answer must come from the cache. */
const fromCache = async (anonymous: APIRequestContext, path: string) => {
  await anonymous.get(path)
  const response = await anonymous.get(path)
  expect(response.status(), path).toBe(200)
  expect(response.headers()['x-nextjs-cache'], path).toMatch(/^(HIT|STALE)$/)
  return response
}

test('anonymous pages come from the cache, signed-in pages never, and neither sees the other', async ({
  baseURL,
}) => {
  test.setTimeout(120_000)
  const anonymous = await playwrightRequest.newContext({ baseURL })
  const vendor = (
    await (await anonymous.get('/api/vendors?where[slug][exists]=true&limit=1&sort=id')).json()
  ).docs[0] as Vendor
  const pages = ['/', '/pricing', `/vendors/${vendor.slug}`]
  const organizer = await signedInContext(baseURL!, 'organizer@eventpros.test')

  for (const path of pages) {
    // Anonymous: the cached copy, which a CDN may hold too, with the anonymous header.
    const cached = await fromCache(anonymous, path)
    expect(cached.headers()['cache-control'], path).toMatch(/s-maxage=\d+/)
    expect(cached.headers()['cache-control'], path).not.toMatch(/private|no-store/)
    expect(cached.headers()['content-security-policy'], path).not.toContain("'nonce-")
    const anonymousHtml = await cached.text()
    // No nonce baked into the copy: the policy it is sent with has none to match.
    expect(anonymousHtml, path).not.toMatch(/nonce="/)
    expect(anonymousHtml, path).toContain('>Log in<')
    expect(anonymousHtml, path).not.toContain('Account: ')

    // Signed in: rendered for Olivia, marked private, never stored.
    const own = await organizer.get(path)
    expect(own.status(), path).toBe(200)
    expect(own.headers()['x-nextjs-cache'], path).toBeUndefined()
    expect(own.headers()['cache-control'], path).toMatch(/private|no-store/)
    expect(own.headers()['content-security-policy'], path).toContain("'nonce-")
    const ownHtml = await own.text()
    expect(ownHtml, path).toContain('Account: Olivia')
    expect(ownHtml, path).not.toContain('>Log in<')

    // And the cache still holds the anonymous copy, with nothing of Olivia's in it.
    const after = await fromCache(anonymous, path)
    const afterHtml = await after.text()
    expect(afterHtml, path).not.toContain('Olivia')
    expect(afterHtml, path).not.toContain('Account: ')
  }

  // The copies' own paths, asked for by name, are the same anonymous pages, pointing search
  // engines at the public address.
  for (const [copy, canonical] of <[string, string][]>[
    ['/cached/home', '/'],
    ['/cached/pricing', '/pricing'],
    [`/cached/vendors/${vendor.slug}`, `/vendors/${vendor.slug}`],
  ]) {
    const direct = await organizer.get(copy)
    const html = await direct.text()
    expect(html, copy).not.toContain('Account: ')
    const href = /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1]
    expect(href && new URL(href).pathname, copy).toBe(canonical)
  }
  expect((await anonymous.get('/cached/elsewhere')).status()).toBe(404)
  // A query the page could read, or a session cookie that is not valid, is rendered per request.
  const withQuery = await anonymous.get(`/vendors/${vendor.slug}?ref=newsletter`)
  expect(withQuery.headers()['x-nextjs-cache']).toBeUndefined()
  await organizer.dispose()
  await anonymous.dispose()
})

test('a vendor’s change reaches the cached page at once', async ({ baseURL }) => {
  test.setTimeout(120_000)
  const anonymous = await playwrightRequest.newContext({ baseURL })
  const owner = await signedInContext(baseURL!, 'vendor@eventpros.test')
  const me = ((await (await owner.get('/api/users/me')).json()) as { user: { id: number } }).user
  const own = (await (await owner.get(`/api/vendors?where[owner][equals]=${me.id}&depth=0`)).json())
    .docs[0] as Vendor | undefined
  expect(own).toBeTruthy()
  const path = `/vendors/${own!.slug}`
  await fromCache(anonymous, path)
  const tagline = `Fresh from the cache test ${Date.now().toString(36)}`
  const saved = await owner.patch(`/api/vendors/${own!.id}`, { data: { tagline } })
  expect(saved.ok()).toBe(true)
  // The next anonymous visit renders the page again (revalidated when the save answered).
  await expect
    .poll(async () => (await anonymous.get(path)).text(), { timeout: 15_000 })
    .toContain(tagline)
  await owner.patch(`/api/vendors/${own!.id}`, { data: { tagline: own!.tagline } })
  await owner.dispose()
  await anonymous.dispose()
})
