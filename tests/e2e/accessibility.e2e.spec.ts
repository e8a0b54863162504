import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'

import { PHONE, signIn } from './support'

/**
 * axe (WCAG 2.1 A and AA rules) on every public page and on the signed-in pages of each role,
 * at phone size: no critical or serious violation. Each failure names the rule, the page and
 * the elements, so the report says what to fix.
 */
/**
 * Two rules axe reports inside Payload's own relationship picker (react-select) once its chosen
 * values have loaded: its clear button is `aria-hidden` yet focusable, and each chosen value
 * holds a remove button. That markup is Payload's, not ours, and whether the values have loaded
 * when axe runs is a matter of timing; every other rule still applies to the picker.
 */
const isPayloadPicker = (rule: string, targets: string[]) =>
  ['aria-hidden-focus', 'nested-interactive'].includes(rule) &&
  targets.every((target) => /\.(react-select|rs__)/.test(target))

const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .filter(
      (v) =>
        !isPayloadPicker(
          v.id,
          v.nodes.map((n) => n.target.join(' ')),
        ),
    )
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }))
}

/** Every page of the list is checked before failing, so one run lists all there is to fix. */
const audit = async (page: Page, paths: string[]) => {
  const found: Record<string, Awaited<ReturnType<typeof seriousViolations>>> = {}
  for (const path of paths) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
    const violations = await seriousViolations(page)
    if (violations.length) found[path] = violations
  }
  expect(found).toEqual({})
}

const firstLink = async (page: Page, from: string, prefix: string) => {
  await page.goto(from)
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute('href')
  expect(href, `a link to ${prefix} on ${from}`).toBeTruthy()
  return href!
}

test('public pages have no critical or serious accessibility violations', async ({ browser }) => {
  test.setTimeout(180_000)
  const page = await (await browser.newContext({ viewport: PHONE })).newPage()
  const vendor = await firstLink(page, '/vendors', '/vendors/')
  const category = await firstLink(page, '/', '/categories/')
  await audit(page, [
    '/',
    '/vendors',
    '/vendors?q=photographer&near=Wellington',
    vendor,
    category,
    '/pricing',
    '/login',
    '/signup',
    '/forgot-password',
    '/privacy',
    '/terms',
    '/offline',
  ])
  await page.context().close()
})

test("an organizer's pages have no critical or serious accessibility violations", async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const page = await signIn(browser, 'organizer@eventpros.test')
  const job = await firstLink(page, '/my-jobs', '/my-jobs/')
  await audit(page, ['/my-jobs', job, '/jobs/new', '/bookings', '/inbox', '/account'])
  await page.context().close()
})

test("a vendor's pages, in the site and their workspace, have no critical or serious accessibility violations", async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const page = await signIn(browser, 'vendor@eventpros.test')
  const job = await firstLink(page, '/jobs?all=true', '/jobs/')
  const profile = await page.evaluate(async () => {
    const me = (await (await fetch('/api/users/me')).json()) as { user: { id: number } }
    const mine = (await (
      await fetch(`/api/vendors?where[owner][equals]=${me.user.id}&depth=0&limit=1`)
    ).json()) as { docs: { id: number }[] }
    return mine.docs[0]!.id
  })
  await audit(page, [
    '/jobs',
    job,
    '/quotes',
    '/bookings',
    '/inbox',
    '/account',
    '/admin',
    `/admin/collections/vendors/${profile}`,
  ])
  await page.context().close()
})

test("a moderator's queue has no critical or serious accessibility violations", async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const page = await signIn(browser, 'moderator@eventpros.test')
  await audit(page, ['/admin/moderation'])
  await page.context().close()
})
