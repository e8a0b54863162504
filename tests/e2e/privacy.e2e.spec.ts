import fs from 'node:fs'
import path from 'node:path'

import { expect, type Page, test } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'

import { E2E_MAIL_DIR } from '../../playwright.config'
import { PHONE, screenshotter } from './support'

const shoot = screenshotter('privacy-')
const PASSWORD = 'Harakeke-Weaving-2026!'

/** The newest email to `to` in the e2e mail folder, once it has come. */
const latestMail = async (to: string, matching: RegExp): Promise<string> => {
  let found = ''
  await expect
    .poll(() => {
      const files = fs.existsSync(E2E_MAIL_DIR)
        ? fs
            .readdirSync(E2E_MAIL_DIR)
            .filter((file) => file.includes(to))
            .sort()
        : []
      for (const file of files.reverse()) {
        const raw = fs
          .readFileSync(path.join(E2E_MAIL_DIR, file), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '=')
        if (matching.test(raw)) {
          found = raw
          return true
        }
      }
      return false
    })
    .toBe(true)
  return found
}

const logIn = async (page: Page, email: string) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('heading', { name: 'Kia ora, Rāwiri' })).toBeVisible()
}

test('the policies are readable on a phone and linked from every page', async ({ page }) => {
  await page.setViewportSize(PHONE)
  await page.goto('/')
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click()
  await expect(page).toHaveURL(/\/privacy$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Privacy')
  await expect(page.getByText('Privacy Commissioner').first()).toBeVisible()
  await shoot(page, 'phone-1-policy')
  await page.goto('/terms')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Terms')
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width,
  )
})

test('a new organizer on a phone consents, downloads their data and deletes their account', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize(PHONE)
  const email = `privacy-${Date.now()}@example.test`

  await page.goto('/signup')
  await page.getByLabel('First name').fill('Rāwiri')
  await page.getByLabel('Last name').fill('Tane')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  // The terms and the privacy policy must be accepted; the browser says so before sending.
  const terms = page.getByLabel('I accept the terms of use')
  expect(await terms.evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).toBe(true)
  await expect(page).toHaveURL(/\/signup/)
  await terms.check()
  await page.getByLabel('I have read and accept the privacy policy').check()
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status')).toContainText('Check your email')
  const link = (await latestMail(email, /verify-email\?token=/)).match(
    /https?:\/\/[^\s"<>]+\/verify-email\?token=[A-Za-z0-9%._-]+/,
  )![0]
  await page.goto(link)
  await expect(page.getByText('Your email is confirmed')).toBeVisible()
  await logIn(page, email)

  // Consents: what was accepted, and marketing off.
  await expect(page.getByTestId('consent-terms')).toContainText('you accepted version')
  await expect(page.getByTestId('consent-privacy')).toContainText('you accepted version')

  // Download my data: a job makes the file, the page shows the link without a reload.
  await page.getByRole('button', { name: 'Download my data' }).click()
  await expect(page.getByText('We are putting your file together')).toBeVisible()
  await shoot(page, 'phone-2-export-queued')
  const download = page.getByTestId('data-export-download')
  await expect(download).toBeVisible({ timeout: 90_000 })
  await download.scrollIntoViewIfNeeded()
  await shoot(page, 'phone-3-export-ready')
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()])
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await file.path())))
  expect(Object.keys(zip)).toContain('README.txt')
  const account = Object.entries(zip).find(([name]) => /account\.json$/.test(name))
  expect(account, Object.keys(zip).join(', ')).toBeTruthy()
  const accountJson = strFromU8(account![1])
  expect(accountJson).toContain(email)
  expect(accountJson).not.toMatch(/"(hash|salt)"/)
  await latestMail(email, /ready/i)

  // Delete my account: the password again, then signed out with the date it happens.
  await page.getByRole('button', { name: 'Delete my account' }).click()
  await page.getByLabel('Your password').fill('not-my-password')
  await page.getByRole('button', { name: 'Delete my account in 14 days' }).click()
  const panel = page.locator('section[aria-labelledby="delete-account-heading"]')
  await expect(panel.getByRole('alert')).toBeVisible()
  await page.getByLabel('Your password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Delete my account in 14 days' }).click()
  await expect(page.getByText('You have been signed out on every device.')).toBeVisible()
  await shoot(page, 'phone-4-deletion-requested')
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login/)

  // Signing in within the grace period cancels it.
  await logIn(page, email)
  await latestMail(email, /cancelled the deletion/)
  await expect(page.getByRole('button', { name: 'Delete my account' })).toBeVisible()
  await shoot(page, 'phone-5-deletion-cancelled')
})
