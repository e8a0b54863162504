import fs from 'node:fs'
import path from 'node:path'

import { expect, test } from '@playwright/test'

import { screenshotter } from './support'

const MAIL_DIR = '.data/e2e-mail'
const shoot = screenshotter()

/** The link in the newest email to `to`, as a developer would open it from .data/mail. */
const linkFromMail = async (to: string, pathName: string): Promise<string> => {
  let found: string | undefined
  await expect
    .poll(() => {
      const files = fs.existsSync(MAIL_DIR)
        ? fs
            .readdirSync(MAIL_DIR)
            .filter((f) => f.includes(to))
            .sort()
        : []
      const latest = files[files.length - 1]
      if (!latest) return null
      const raw = fs
        .readFileSync(path.join(MAIL_DIR, latest), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '=')
      found = raw.match(new RegExp(`https?://[^\\s"<>]+${pathName}\\?token=[A-Za-z0-9%._-]+`))?.[0]
      return found ?? null
    })
    .not.toBeNull()
  return found!
}

for (const [device, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 900 }],
] as const) {
  test(`a newcomer finds a vendor and signs up as an organizer (${device})`, async ({ page }) => {
    await page.setViewportSize(viewport)
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1 })).toContainText('trusted New Zealand pros')
    await shoot(page, `${device}-1-home`)

    await page.getByRole('link', { name: /Photography & Video/ }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Photography & Video')
    await shoot(page, `${device}-2-category`)

    const firstVendor = page.locator('article h3 a').first()
    const vendorName = (await firstVendor.textContent())!.trim()
    await firstVendor.click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(vendorName)
    await expect(page.getByText('to see contact details')).toBeVisible()
    await shoot(page, `${device}-3-vendor`)

    await page.getByRole('link', { name: 'sign up free' }).click()
    const email = `newcomer-${device}-${Date.now()}@example.test`
    const password = 'Kiwi-Events-2026!'
    await page.getByLabel('First name').fill('Hana')
    await page.getByLabel('Last name').fill('Walker')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('weakpassword')
    await page.getByLabel('I accept the terms of use').check()
    await page.getByLabel('I have read and accept the privacy policy').check()
    // Marketing email is a separate choice, left unticked.
    await expect(page.getByLabel(/news and offers|marketing/i)).not.toBeChecked()
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByText(/Password is not strong enough.*upper-case letter/)).toBeVisible()
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('status')).toContainText('Check your email')
    await shoot(page, `${device}-4-signed-up`)

    await page.goto(await linkFromMail(email, '/verify-email'))
    await expect(page.getByText('Your email is confirmed')).toBeVisible()
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page.getByRole('heading', { name: 'Kia ora, Hana' })).toBeVisible()
    await shoot(page, `${device}-5-account`)

    // Signed in, the vendor's contact details appear.
    await page.goBack()
    await page.goto('/vendors')
    await page.locator('article h3 a').first().click()
    await expect(page.getByText('Email', { exact: true })).toBeVisible()

    // Organizers are sent from /admin to their account page.
    await page.goto('/admin')
    await expect(page).toHaveURL(/\/account\?notice=admin/)
  })
}

test('a vendor signing in to /admin sees only their own business', async ({ page }) => {
  // Payload's login form has no two-factor step: /admin/login sends everyone to the site's.
  await page.goto('/admin/login')
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin|\/login\?next=\/admin/)
  await page.getByLabel('Email').fill('vendor@eventpros.test')
  await page.getByLabel('Password').fill('EventPros!2026')
  await page.getByRole('button', { name: 'Log in' }).click()
  // The path itself, not the `?next=/admin` of the login page.
  await expect(page).toHaveURL(/:\d+\/admin$/)
  await page.goto('/admin/collections/vendors')
  await expect(page.locator('table tbody tr')).toHaveCount(1)
  await shoot(page, 'vendor-admin-list')
  await expect(page.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0)
  await page.goto('/admin/collections/users')
  await expect(page.locator('table tbody tr')).toHaveCount(0)
})
