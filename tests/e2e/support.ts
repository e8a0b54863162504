import fs from 'node:fs'
import path from 'node:path'

import { type Browser, expect, type Page } from '@playwright/test'

/** The demo accounts' shared password (README). */
export const DEMO_PASSWORD = 'EventPros!2026'
export const PHONE = { width: 390, height: 844 }

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
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('account-link')).toBeVisible()
  return page
}
