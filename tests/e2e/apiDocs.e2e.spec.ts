import fs from 'node:fs'

import { expect, type Page, test } from '@playwright/test'

import { logInOnSite } from './support'

/**
 * The API reference at /api/docs, as an integrator opens it: with no network beyond this server
 * (every other request is refused), it renders, and its "try it" calls the API.
 */

const SHOTS = 'test-results/screenshots'

/** Refuses every request that would leave this server, and lists them. */
const offline = async (page: Page) => {
  const outside: string[] = []
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url())
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue()
    outside.push(route.request().url())
    return route.abort()
  })
  return outside
}

/** Opens an operation from the sidebar and sends it from the reference's client. */
const tryIt = async (page: Page, group: string, operation: string) => {
  await page.getByRole('button', { name: `Open Group - ${group}` }).click()
  await page.getByText(operation, { exact: true }).first().click()
  const heading = page.getByRole('heading', { name: operation, exact: true })
  await page
    .locator('section', { has: heading })
    .last()
    .getByRole('button', { name: 'Test Request' })
    .first()
    .click()
  const client = page.getByRole('dialog')
  await client.getByRole('button', { name: /^Send/ }).first().click()
  return client
}

test('the reference renders with no network and its "try it" runs a vendor search', async ({
  page,
}) => {
  const outside = await offline(page)
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(String(error)))

  await page.goto('/')
  await page.getByRole('contentinfo').getByRole('link', { name: 'API' }).click()
  await expect(page).toHaveURL(/\/api\/docs$/)
  await expect(page.getByRole('heading', { name: 'Event Pros NZ API' })).toBeVisible({
    timeout: 60_000,
  })
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/api-docs.png` })

  const client = await tryIt(page, 'Vendors', 'Search vendors')
  await expect(client.getByText('200 OK')).toBeVisible({ timeout: 30_000 })
  await expect(client.getByText('"vendors"').first()).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/api-docs-try-it.png` })

  expect(outside).toEqual([])
  expect(problems).toEqual([])
})

test('"try it" goes with the signed-in visitor\'s session', async ({ page }) => {
  const outside = await offline(page)
  await logInOnSite(page, 'organizer@eventpros.test')
  await expect(page.getByTestId('account-link')).toBeVisible()
  await page.goto('/api/docs')
  await expect(page.getByRole('heading', { name: 'Event Pros NZ API' })).toBeVisible({
    timeout: 60_000,
  })
  const client = await tryIt(page, 'Users', 'The signed-in account')
  await expect(client.getByText('200 OK')).toBeVisible({ timeout: 30_000 })
  await expect(client.getByText('organizer@eventpros.test').first()).toBeVisible()
  expect(outside).toEqual([])
})
