import fs from 'node:fs'
import path from 'node:path'

import {
  type APIRequestContext,
  type BrowserContext,
  expect,
  type Page,
  test,
} from '@playwright/test'

import { MONACO_CDN } from '../../src/lib/security/contentSecurityPolicy'

import { DEMO_PASSWORD, logInOnSite, screenshotter, signIn } from './support'

/** Security headers on the production build: pages, the admin, the API and uploaded files. */

const shoot = screenshotter('csp-')

const EVERYWHERE = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
}

const firstVendorPage = async (request: APIRequestContext) => {
  const vendors = await (await request.get('/api/vendors?limit=1&depth=0')).json()
  return `/vendors/${vendors.docs[0].slug}`
}

/** The directives every page's policy shares, nonce or not. */
const expectLockedDown = (url: string, policy: Map<string, string[]>) => {
  for (const [directive, sources] of [
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ] as const) {
    expect([url, directive, policy.get(directive)]).toEqual([url, directive, sources])
  }
}

/** The policy as a map from directive to its sources. */
const parsePolicy = (header: string | undefined) =>
  new Map(
    (header ?? '').split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/)
      return [name!, sources]
    }),
  )

test('every page, the admin and the API carry the security headers', async ({ request }) => {
  const vendorPage = await firstVendorPage(request)
  for (const url of ['/', '/vendors', vendorPage, '/login', '/admin', '/api/vendors']) {
    const response = await request.get(url)
    expect([url, response.status()]).toEqual([url, 200])
    const headers = response.headers()
    for (const [name, value] of Object.entries(EVERYWHERE)) {
      expect([url, name, headers[name]]).toEqual([url, name, value])
    }
    expect([url, headers['content-security-policy']]).toEqual([
      url,
      expect.stringContaining("frame-ancestors 'none'"),
    ])
    expect([url, headers['permissions-policy']]).toEqual([
      url,
      expect.stringContaining('camera=()'),
    ])
    // Only Payload's admin asks for the colour-scheme hint; public pages skip the round trip.
    const hinted = url.startsWith('/admin')
    expect([url, 'critical-ch' in headers]).toEqual([url, hinted])
  }
})

test('pages and the admin run only scripts carrying a nonce of their own response; cached anonymous pages carry none', async ({
  request,
}) => {
  const vendorPage = await firstVendorPage(request)
  // Rendered per request: `/vendors` reads its query, `/login` and `/admin` are not cached.
  for (const url of ['/vendors', '/vendors?q=photographer', '/login', '/admin']) {
    const nonces = new Set<string>()
    for (const _load of [1, 2]) {
      const response = await request.get(url)
      expect([url, response.status()]).toEqual([url, 200])
      const policy = parsePolicy(response.headers()['content-security-policy'])
      const scriptSrc = policy.get('script-src') ?? []
      const nonce = scriptSrc.find((source) => source.startsWith("'nonce-"))?.slice(7, -1)
      expect([url, scriptSrc]).toEqual([url, ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]])
      expect(scriptSrc).not.toContain("'unsafe-inline'")
      expectLockedDown(url, policy)
      // Next stamped the response's nonce on every script it rendered.
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length).toBeGreaterThan(0)
      for (const script of scripts) {
        expect([url, script]).toEqual([url, expect.stringContaining(`nonce="${nonce}"`)])
      }
      nonces.add(nonce!)
    }
    expect([url, nonces.size]).toEqual([url, 2])
  }

  // The anonymous copies served from the cache were rendered once for everyone: no nonce in
  // them or their policy, scripts from our origin and inline, every other directive the same.
  for (const url of ['/', vendorPage, '/pricing']) {
    const response = await request.get(url)
    expect([url, response.status()]).toEqual([url, 200])
    const policy = parsePolicy(response.headers()['content-security-policy'])
    expect([url, policy.get('script-src')]).toEqual([url, ["'self'", "'unsafe-inline'"]])
    expectLockedDown(url, policy)
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts)
      expect([url, script]).toEqual([url, expect.not.stringContaining('nonce=')])
  }

  // API answers are data: not framed, and no page policy of their own.
  const api = await request.get('/api/vendors')
  expect(api.headers()['content-security-policy']).toBe("frame-ancestors 'none'")
  expect(api.headers()['x-frame-options']).toBe('DENY')
  expect(api.headers()['x-content-type-options']).toBe('nosniff')
})

type Violation = { directive: string; blocked: string; source: string; sample: string }

/** Runs in every document before its own scripts, so no violation goes unrecorded. */
const recordViolations = () => {
  const violations: Violation[] = []
  Object.assign(window, { cspViolations: violations })
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: `${event.sourceFile}:${event.lineNumber}`,
      sample: event.sample,
    })
  })
}

type Visit = [url: string, ready: (page: Page) => Promise<void>]

/**
 * Watches a page for policy violations: the events its documents see and the browser's console
 * complaints. `collect()` adds those of the document on screen to `complaints`; `visit()` opens
 * pages as a person would, each until it is ready, and collects after each.
 */
const watchPolicy = async (page: Page) => {
  const complaints: string[] = []
  page.on('console', (message) => {
    if (/content.security.policy/i.test(message.text())) {
      complaints.push(`${page.url()}: ${message.text()}`)
    }
  })
  await page.addInitScript(recordViolations)
  const collect = async () => {
    const violations = await page.evaluate(() =>
      (window as unknown as { cspViolations: Violation[] }).cspViolations.splice(0),
    )
    complaints.push(...violations.map((violation) => `${page.url()}: ${JSON.stringify(violation)}`))
  }
  const visit = async (visits: Visit[]) => {
    for (const [url, ready] of visits) {
      await page.goto(url)
      await ready(page)
      await collect()
    }
  }
  return { complaints, collect, visit }
}

/** Every chunk, image and style sheet has loaded, or been refused. */
const settled = async (page: Page) => {
  await page.waitForLoadState('networkidle')
}
const showing =
  (selector: string, { idle = true } = {}) =>
  async (page: Page) => {
    await expect(page.locator(selector).first()).toBeVisible()
    if (idle) await settled(page)
  }

/**
 * Payload's JSON editor (Monaco) is fetched from jsDelivr, out of reach of the test machine: the
 * browser gets the copy in node_modules instead, from the same address, so the policy is tried.
 */
const serveMonacoLocally = async (context: BrowserContext) => {
  await context.route(`${MONACO_CDN}**`, async (route) => {
    const inPackage = new URL(route.request().url()).pathname.split('/').slice(3).join('/')
    const file = path.resolve('node_modules/monaco-editor', inPackage)
    await (fs.existsSync(file)
      ? route.fulfill({ path: file, headers: { 'Access-Control-Allow-Origin': '*' } })
      : route.fulfill({ status: 404 }))
  })
}

test('the public pages and the admin work under the policy without a single violation', async ({
  browser,
  page,
  request,
}) => {
  const site = await watchPolicy(page)
  await site.visit([
    ['/', settled],
    ['/vendors', showing('[data-testid="result-count"]')],
    ['/vendors?q=photographer', showing('[data-testid="result-count"]')],
    ['/vendors?view=map', showing('[data-testid="offline-map"]')],
    [await firstVendorPage(request), settled],
    ['/pricing', showing('[data-testid="plan-essential"]')],
    ['/login', settled],
    ['/signup', settled],
  ])
  await page.goto('/vendors?q=photographer')
  await shoot(page, 'vendors')
  await page.goto('/vendors?view=map')
  await shoot(page, 'vendors-map')
  expect(site.complaints).toEqual([])

  const vendors = await (await request.get('/api/vendors?limit=1&depth=0')).json()
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await serveMonacoLocally(adminContext)
  const adminPage = await adminContext.newPage()
  const admin = await watchPolicy(adminPage)
  await logInOnSite(adminPage, 'admin@eventpros.test', '/admin')
  await expect(adminPage).toHaveURL(/\/admin$/)
  await admin.collect()
  await admin.visit([
    ['/admin/collections/vendors', showing('table tbody tr')],
    [`/admin/collections/vendors/${vendors.docs[0].id}`, showing('.rich-text-lexical')],
    // Reading private messages is audited, and an entry's details open in Monaco.
    ['/admin/collections/messages', showing('table tbody tr')],
    ['/admin/collections/audit-log', showing('table tbody tr')],
  ])
  await adminPage.locator('table tbody tr a').first().click()
  await showing('.json-field .monaco-editor')(adminPage)
  await admin.collect()
  await admin.visit([['/admin', showing('.dashboard')]])
  await shoot(adminPage, 'admin-dashboard')
  expect(admin.complaints).toEqual([])

  // Signed in, a vendor's pages listen for live updates (server-sent events): never idle.
  const vendorTab = await signIn(browser, 'vendor@eventpros.test')
  const vendor = await watchPolicy(vendorTab)
  await vendor.visit([
    ['/jobs', showing('h1', { idle: false })],
    ['/inbox', showing('h1', { idle: false })],
    ['/account', showing('h1', { idle: false })],
  ])
  expect(vendor.complaints).toEqual([])
})

test('uploaded files are served as data: no sniffing, sandboxed, and PDFs downloaded', async ({
  request,
}) => {
  const login = await request.post('/api/users/login', {
    data: { email: 'vendor9@vendors.eventpros.test', password: DEMO_PASSWORD },
  })
  const auth = { Authorization: `JWT ${(await login.json()).token}` }
  const uploads = [
    { file: 'photo.png', mimeType: 'image/png', image: true },
    { file: 'document.pdf', mimeType: 'application/pdf', image: false },
  ]
  for (const { file, mimeType, image } of uploads) {
    const created = await request.post('/api/media', {
      headers: auth,
      multipart: {
        file: {
          name: file,
          mimeType,
          buffer: fs.readFileSync(path.resolve('tests/fixtures', file)),
        },
        _payload: JSON.stringify({ alt: 'A header check' }),
      },
    })
    expect(created.status()).toBe(201)
    const url = new URL((await created.json()).doc.url).pathname
    const served = await request.get(url)
    expect(served.status()).toBe(200)
    const headers = served.headers()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['content-security-policy']).toContain('sandbox')
    expect([file, headers['content-disposition']]).toEqual([file, image ? undefined : 'attachment'])
  }
})
