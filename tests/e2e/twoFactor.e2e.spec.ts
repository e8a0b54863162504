import { type APIRequestContext, expect, type Page, test } from '@playwright/test'

import { TOTP_PERIOD, totpCode } from '../../src/lib/auth/totp'
import {
  DEMO_PASSWORD,
  demoStaffCode,
  logInOnSite,
  PHONE,
  screenshotter,
  viaHeader,
} from './support'

const shoot = screenshotter('two-factor-')
const STAFF_PASSWORD = 'Kaitiaki-Harbour-Lights-2026!'

/** A new staff account, made by the demo admin (who signs in over REST with a code). */
const createStaff = async (request: APIRequestContext, role: 'admin' | 'moderator') => {
  // A retried test starts a fresh worker that does not know which step it spent: one retry.
  let login = await request.post('/api/users/login', {
    data: { email: 'admin@eventpros.test', password: DEMO_PASSWORD, code: await demoStaffCode() },
  })
  if (login.status() === 401) {
    login = await request.post('/api/users/login', {
      data: { email: 'admin@eventpros.test', password: DEMO_PASSWORD, code: await demoStaffCode() },
    })
  }
  expect(login.status(), await login.text()).toBe(200)
  const email = `${role}-${Date.now().toString(36)}@staff.eventpros.test`
  const created = await request.post('/api/users', {
    headers: { Authorization: `JWT ${(await login.json()).token}` },
    data: {
      email,
      password: STAFF_PASSWORD,
      firstName: 'Hemi',
      lastName: 'Staff',
      role,
      _verified: true,
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  return email
}

/** A code from a step no earlier sign-in used: each code signs in once. */
const freshCode = async (secret: string, used: Set<number>) => {
  const step = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD)
  while (used.has(step())) await new Promise((resolve) => setTimeout(resolve, 500))
  used.add(step())
  return totpCode(secret)
}

const logOut = async (page: Page) => {
  await viaHeader(page, 'Log out', 'button')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByTestId('account-link')).toHaveCount(0)
}

const passwordStep = async (page: Page, email: string) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(STAFF_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByLabel('Authentication code')).toBeVisible()
}

test('a moderator enrols on a phone, then signs in with a code and with a recovery code once', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000)
  const email = await createStaff(request, 'moderator')
  const page = await (await browser.newContext({ viewport: PHONE })).newPage()

  // Without two-factor, signing in leads straight to setting it up.
  await logInOnSite(page, email, undefined, STAFF_PASSWORD)
  await expect(page).toHaveURL(/\/account\/security\?required=1/)
  await expect(page.getByText('need two-step sign-in')).toBeVisible()
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click()
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible()
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim()
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await shoot(page, 'enrol-phone')

  const used = new Set<number>()
  await page.getByLabel('Code from the app').fill('000000')
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
  await expect(page.getByText('did not match')).toBeVisible()
  await page.getByLabel('Code from the app').fill(await freshCode(secret, used))
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10)
  const codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map(
    (code) => code.trim(),
  )
  expect(codes).toHaveLength(10)
  await shoot(page, 'recovery-codes-phone')

  // Now the moderator reaches the admin.
  await page.goto('/admin')
  await expect(page).toHaveURL(/\/admin$/)
  await page.goto('/account')
  await logOut(page)

  // Password, then the code from the app.
  await passwordStep(page, email)
  await shoot(page, 'login-code-phone')
  await page.getByLabel('Authentication code').fill(await freshCode(secret, used))
  await page.getByRole('button', { name: 'Verify and log in' }).click()
  await expect(page.getByTestId('account-link')).toBeVisible()
  await logOut(page)

  // A recovery code, once.
  await passwordStep(page, email)
  await page.getByLabel('Authentication code').fill(codes[0]!)
  await page.getByRole('button', { name: 'Verify and log in' }).click()
  await expect(page.getByTestId('account-link')).toBeVisible()
  await logOut(page)

  // And not twice.
  await passwordStep(page, email)
  await page.getByLabel('Authentication code').fill(codes[0]!)
  await page.getByRole('button', { name: 'Verify and log in' }).click()
  await expect(page.getByText('That code did not work')).toBeVisible()
  await shoot(page, 'login-code-refused-phone')
  await expect(page.getByTestId('account-link')).toHaveCount(0)
})

test('an admin without two-factor cannot reach /admin/collections/users', async ({
  browser,
  request,
}) => {
  const email = await createStaff(request, 'admin')
  const page = await (await browser.newContext({ viewport: PHONE })).newPage()
  await logInOnSite(page, email, undefined, STAFF_PASSWORD)
  await expect(page).toHaveURL(/\/account\/security\?required=1/)
  await page.goto('/admin/collections/users')
  // Turned away by the admin, and sent on to set up two-step sign-in.
  await expect(page).toHaveURL(/\/account\/security\?required=1/)
  await expect(page.locator('table tbody tr')).toHaveCount(0)
  await shoot(page, 'admin-without-2fa')
})
