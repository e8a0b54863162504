import fs from 'node:fs'
import path from 'node:path'

import { type Browser, expect, type Page, test } from '@playwright/test'

import { DEMO_PASSWORD, PHONE } from './support'

const MAIL_DIR = '.data/e2e-mail'

/** The newest link to `pathName` in the mail sent to `to`, as a person would click it. */
const linkFromMail = async (to: string, pathName: string): Promise<string> => {
  const pattern = new RegExp(`https?://[^\\s"<>]+${pathName}\\?token=[A-Za-z0-9%._-]+`)
  let found: string | undefined
  await expect
    .poll(() => {
      const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR) : []
      found = files
        .filter((file) => file.includes(to))
        .sort()
        .reverse()
        .map((file) => fs.readFileSync(path.join(MAIL_DIR, file), 'utf8'))
        .map((raw) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))
        .map((raw) => raw.match(pattern)?.[0])
        .find(Boolean)
      return found ?? null
    })
    .not.toBeNull()
  return found!
}

/**
 * A browser with JavaScript switched off, as before the page's scripts have loaded, recording
 * every address it asks for so a test can say no secret was ever put in one.
 */
const browserWithoutScripts = async (browser: Browser) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE })
  const page = await context.newPage()
  const requested: string[] = []
  page.on('request', (request) => requested.push(request.url()))
  return { context, page, requested }
}

const expectNoSecretsIn = (urls: string[], secrets: string[]) => {
  expect(urls.length).toBeGreaterThan(0)
  for (const url of urls) {
    const { searchParams } = new URL(url)
    for (const field of ['email', 'password', 'confirm'])
      expect(searchParams.has(field), url).toBe(false)
    for (const secret of secrets) {
      expect(url, url).not.toContain(secret)
      expect(url, url).not.toContain(encodeURIComponent(secret))
    }
  }
}

const fillSignup = async (page: Page, email: string, password: string) => {
  await page.getByLabel('First name').fill('Hana')
  await page.getByLabel('Last name').fill('Walker')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByLabel('I accept the terms of use').check()
  await page.getByLabel('I have read and accept the privacy policy').check()
  await page.getByRole('button', { name: 'Create account' }).click()
}

/** The form's own message; Next's route announcer is an alert too, and always on the page. */
const formError = (page: Page) => page.locator('form').getByRole('alert')

const logIn = async (page: Page, email: string, password: string) => {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
}

test.describe('without JavaScript', () => {
  test('a newcomer signs up, confirms, logs in and resets a forgotten password', async ({
    browser,
  }) => {
    const { page, context, requested } = await browserWithoutScripts(browser)
    const email = `no-script-${Date.now()}@example.test`
    const password = 'Kiwi-Events-2026!'
    const newPassword = 'Tui-Song-Morning-7#'

    await page.goto('/signup')
    await fillSignup(page, email, 'weakpassword')
    await expect(formError(page)).toContainText(/Password is not strong enough.*upper-case letter/)
    // What was typed stays, except the password, which the server never writes back.
    await expect(page.getByLabel('Email')).toHaveValue(email)
    await expect(page.getByLabel('First name')).toHaveValue('Hana')
    await expect(page.getByLabel('Password')).toHaveValue('')
    expect(await page.content()).not.toContain('weakpassword')

    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page.getByRole('status')).toContainText('Check your email')
    await expect(page.getByRole('status')).toContainText(`We sent a link to ${email}`)

    await page.goto(await linkFromMail(email, '/verify-email'))
    await expect(page.getByText('Your email is confirmed')).toBeVisible()

    await logIn(page, email, 'Not-My-Password-1!')
    await expect(formError(page)).toHaveText('The email or password provided is incorrect.')
    await expect(page.getByLabel('Email')).toHaveValue(email)
    await expect(page.getByLabel('Password')).toHaveValue('')

    await logIn(page, email, password)
    await expect(page.getByRole('heading', { name: 'Kia ora, Hana' })).toBeVisible()
    await expect(page.getByTestId('account-link')).toBeVisible()
    expect(new URL(page.url()).pathname).toBe('/account')
    // The session cookie Payload's REST login sets: script-proof, same-site, for the token's week.
    const session = (await context.cookies()).find((cookie) => cookie.name === 'payload-token')
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    // An access token lasts an hour; the site refreshes it while the person is active.
    const lifetime = session!.expires * 1000 - Date.now()
    expect(lifetime).toBeGreaterThan(55 * 60 * 1000)
    expect(lifetime).toBeLessThanOrEqual(60 * 60 * 1000)

    // Signed out again (no script to press "Log out" with), the password is forgotten.
    await context.clearCookies()
    await page.goto('/forgot-password')
    await page.getByLabel('Email').fill(`nobody-${Date.now()}@example.test`)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    const sent = 'If an account uses that email, we have sent it a link to choose a new password.'
    await expect(page.getByRole('status')).toHaveText(sent)
    await page.goto('/forgot-password')
    await page.getByLabel('Email').fill(email)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await expect(page.getByRole('status')).toHaveText(sent)

    const resetLink = await linkFromMail(email, '/reset-password')
    await page.goto(resetLink)
    await page.getByLabel('New password', { exact: true }).fill(newPassword)
    await page.getByLabel('Repeat new password').fill(`${newPassword}x`)
    await page.getByRole('button', { name: 'Set new password' }).click()
    await expect(formError(page)).toHaveText('The two passwords do not match.')
    await page.getByLabel('New password', { exact: true }).fill('weakpassword')
    await page.getByLabel('Repeat new password').fill('weakpassword')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await expect(formError(page)).toContainText('Password is not strong enough')
    await page.getByLabel('New password', { exact: true }).fill(newPassword)
    await page.getByLabel('Repeat new password').fill(newPassword)
    await page.getByRole('button', { name: 'Set new password' }).click()

    // Reset and signed out: the log-in page shows instead of sending a signed-in person on.
    await expect(page.getByText('Your password has been changed')).toBeVisible()
    expect(page.url()).toMatch(/\/login\?notice=reset$/)
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('payload-token')
    await logIn(page, email, password)
    await expect(formError(page)).toHaveText('The email or password provided is incorrect.')
    await logIn(page, email, newPassword)
    await expect(page.getByRole('heading', { name: 'Kia ora, Hana' })).toBeVisible()

    const token = new URL(resetLink).searchParams.get('token')!
    expect(
      requested.filter((url) => url.includes(token)).map((url) => new URL(url).pathname),
    ).toEqual(expect.arrayContaining(['/reset-password']))
    for (const url of requested.filter((url) => url.includes(token))) {
      expect(new URL(url).pathname).toBe('/reset-password')
    }
    expectNoSecretsIn(requested, [
      email,
      password,
      newPassword,
      'weakpassword',
      'Not-My-Password-1!',
    ])
    await context.close()
  })

  test('a new vendor lands on their profile form, and a safe next address is followed', async ({
    browser,
  }) => {
    const { page, context, requested } = await browserWithoutScripts(browser)
    const email = `no-script-vendor-${Date.now()}@example.test`
    const password = 'Kiwi-Events-2026!'
    await page.goto('/signup')
    await page.getByText('An event business').click()
    await fillSignup(page, email, password)
    await expect(page.getByRole('status')).toContainText('Check your email')
    await page.goto(await linkFromMail(email, '/verify-email'))
    await logIn(page, email, password)
    await expect(page).toHaveURL(/\/account\/vendor-profile$/)
    await expect(page.getByRole('heading', { name: 'Create your vendor profile' })).toBeVisible()

    await context.clearCookies()
    await page.goto('/login?next=/my-jobs')
    await logIn(page, 'organizer@eventpros.test', DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/my-jobs$/)

    await context.clearCookies()
    await page.goto('/login?next=//evil.example/steal')
    await logIn(page, 'organizer@eventpros.test', DEMO_PASSWORD)
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/account$/)

    expectNoSecretsIn(requested, [email, password, DEMO_PASSWORD, 'organizer@eventpros.test'])
    await context.close()
  })

  test('five wrong passwords block the account, as through the API', async ({ browser }) => {
    const { page, context } = await browserWithoutScripts(browser)
    const email = `locked-${Date.now()}@example.test`
    const password = 'Kiwi-Events-2026!'
    await page.goto('/signup')
    await fillSignup(page, email, password)
    await expect(page.getByRole('status')).toContainText('Check your email')

    await page.goto('/login')
    for (let attempt = 1; attempt <= 5; attempt++) {
      await logIn(page, email, `Wrong-Password-${attempt}!`)
      await expect(formError(page)).toHaveText('The email or password provided is incorrect.')
    }
    // The rate limit blocks the account from the sixth try, even with the password, in the
    // words it uses for an address or an email with no account.
    await logIn(page, email, password)
    await expect(formError(page)).toContainText('Too many sign-in attempts.')
    const viaApi = await context.request.post('/api/users/login', { data: { email, password } })
    expect(viaApi.status()).toBe(429)
    expect((await viaApi.json()).error.message).toMatch(/^Too many sign-in attempts\./)
    await context.close()
  })
})

test.describe('with JavaScript', () => {
  test('the log-in form posts, shows it is busy and keeps the password out of the address', async ({
    page,
  }) => {
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    await page.setViewportSize(PHONE)
    await page.goto('/login')
    const form = page.locator('form', { has: page.getByLabel('Password') })
    await expect(form).toHaveAttribute('method', /^post$/i)

    // Slow the sign-in down enough to see the form say it is working.
    await page.route('**/login*', async (route) => {
      if (route.request().method() === 'POST') await new Promise((done) => setTimeout(done, 800))
      await route.continue()
    })
    await logIn(page, 'organizer@eventpros.test', 'Not-The-Password-1!')
    await expect(page.getByRole('button', { name: 'Logging in…' })).toBeDisabled()
    await expect(formError(page)).toHaveText('The email or password provided is incorrect.')
    await expect(page.getByLabel('Email')).toHaveValue('organizer@eventpros.test')
    await expect(page.getByLabel('Password')).toHaveValue('Not-The-Password-1!')

    await logIn(page, 'organizer@eventpros.test', DEMO_PASSWORD)
    await expect(page.getByTestId('account-link')).toBeVisible()
    await expect(page).toHaveURL(/\/account$/)
    expect(requested.filter((url) => url.includes('password='))).toEqual([])
    expectNoSecretsIn(requested, [DEMO_PASSWORD, 'Not-The-Password-1!'])
  })

  test('asking for a reset link answers in place', async ({ page }) => {
    await page.goto('/forgot-password')
    await expect(page.locator('form')).toHaveAttribute('method', /^post$/i)
    // A mark on this page's window survives only if the answer comes without a page load.
    await page.evaluate(() => Object.assign(window, { answeredInPlace: true }))
    await page.getByLabel('Email').fill(`nobody-${Date.now()}@example.test`)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await expect(page.getByRole('status')).toHaveText(
      'If an account uses that email, we have sent it a link to choose a new password.',
    )
    expect(await page.evaluate(() => 'answeredInPlace' in window)).toBe(true)
    expect(page.url()).toMatch(/\/forgot-password$/)
  })
})
