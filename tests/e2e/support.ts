import fs from 'node:fs'
import path from 'node:path'

import { type Browser, expect, type Page } from '@playwright/test'

import { TOTP_PERIOD, totpCode } from '../../src/lib/auth/totp'

/** The demo accounts' shared password (README). */
export const DEMO_PASSWORD = 'EventPros!2026'
export const PHONE = { width: 390, height: 844 }

/** A day in New Zealand, `days` from today, as a date input takes it (`YYYY-MM-DD`). */
export const nzDayFromToday = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(
    new Date(Date.now() + days * 86_400_000),
  )

/** The demo admin and moderator have two-factor sign-in on, with this secret (the seed's). */
const DEMO_TOTP_SECRET = 'EVENTPROSDEMOSTAFFTOTPSECRET2345'
export const DEMO_STAFF = ['admin@eventpros.test', 'moderator@eventpros.test']

/**
 * The last step spent, kept in a file: Playwright starts a fresh worker after a failed test,
 * and a counter in memory would hand the new worker a code the server has just accepted.
 */
const LAST_STEP_FILE = '.data/e2e-totp-last-step'

const lastStep = () => {
  try {
    return Number(fs.readFileSync(LAST_STEP_FILE, 'utf8')) || 0
  } catch {
    return 0
  }
}

/**
 * The demo staff's current authenticator code. Each code signs in once, so when this run has
 * spent the current step already it waits for the next (at most 30 s, and rarely).
 */
export const demoStaffCode = async (): Promise<string> => {
  const step = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD)
  while (step() <= lastStep()) await new Promise((resolve) => setTimeout(resolve, 500))
  fs.mkdirSync(path.dirname(LAST_STEP_FILE), { recursive: true })
  const spent = step()
  fs.writeFileSync(LAST_STEP_FILE, String(spent))
  return totpCode(DEMO_TOTP_SECRET, spent * TOTP_PERIOD)
}

/** Signs in on a page at /login as a person would, code and all for the demo staff. */
export const logInOnSite = async (
  page: Page,
  email: string,
  next?: string,
  password = DEMO_PASSWORD,
) => {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  if (DEMO_STAFF.includes(email)) {
    await page.getByLabel('Authentication code').fill(await demoStaffCode())
    await page.getByRole('button', { name: 'Verify and log in' }).click()
  }
}

const SHOTS = 'test-results/screenshots'

/** Full-page screenshots into test-results/screenshots, named `<prefix><name>.png`. */
export const screenshotter =
  (prefix = '') =>
  async (page: Page, name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: path.join(SHOTS, `${prefix}${name}.png`), fullPage: true })
  }

/**
 * A phone-sized browser of its own, signed in through the site's login form; `baseURL` picks
 * another of the test servers (the one billing through the Stripe peer).
 */
export const signIn = async (
  browser: Browser,
  email: string,
  { baseURL }: { baseURL?: string } = {},
): Promise<Page> => {
  const context = await browser.newContext({ viewport: PHONE, ...(baseURL && { baseURL }) })
  const page = await context.newPage()
  await logInOnSite(page, email)
  await expect(page.getByTestId('account-link')).toBeVisible()
  return page
}

/**
 * Sums the page's layout shifts not caused by the person's own input (the CLS definition),
 * from the moment each document starts: call before the first `goto`, read with `layoutShift`.
 */
export const trackLayoutShift = async (page: Page) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __layoutShift: number }
    w.__layoutShift = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number
        hadRecentInput: boolean
      })[])
        if (!entry.hadRecentInput) w.__layoutShift += entry.value
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

export const layoutShift = (page: Page) =>
  page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift)

/**
 * Goes to one of the header's destinations as a person would at this size: the inline link
 * when the header shows it (wide screens), otherwise through the Menu button (phones).
 */
export const viaHeader = async (page: Page, name: string, role: 'link' | 'button' = 'link') => {
  const inline = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole(role, { name, exact: true })
  if (await inline.first().isVisible()) return inline.first().click()
  // A tap before the header has hydrated does nothing: tap again until the menu is open.
  const button = page.getByTestId('menu-button')
  await expect(async () => {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click()
    await expect(button).toHaveAttribute('aria-expanded', 'true', { timeout: 1_000 })
  }).toPass()
  await page.getByTestId('site-menu').getByRole(role, { name, exact: true }).click()
}
