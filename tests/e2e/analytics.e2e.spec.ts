import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { logInOnSite, screenshotter } from './support'

const shoot = screenshotter('analytics-')

/*
 * The admin's analytics page on the demo data: the figures agree with the API's, the charts are
 * drawn, every figure is in a table, and nobody but an admin gets them.
 */

test('an admin reads the platform figures by week, drawn and tabled, without accessibility faults', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await logInOnSite(page, 'admin@eventpros.test', '/admin')
  // In the navigation (Payload keeps it inert while its drawer is closed).
  await expect(page.getByRole('link', { name: 'Analytics', includeHidden: true })).toHaveAttribute(
    'href',
    '/admin/analytics',
  )
  await page.goto('/admin/analytics')
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible()

  const api = await page.evaluate(async () => {
    const res = await fetch('/api/analytics/platform?weeks=12')
    return (await res.json()) as { data: { totals: { vendors: number }; weeks: unknown[] } }
  })
  expect(api.data.weeks).toHaveLength(12)
  expect(api.data.totals.vendors).toBeGreaterThan(0)
  await expect(page.getByTestId('analytics-vendors')).toHaveText(
    api.data.totals.vendors.toLocaleString('en-NZ'),
  )
  await expect(page.getByTestId('analytics-funnel').getByRole('listitem')).toHaveCount(3)
  // Six charts, each drawn by recharts once its container had a size.
  await expect(
    page.getByTestId('analytics-charts').locator('.recharts-wrapper > svg.recharts-surface'),
  ).toHaveCount(6)
  await expect(
    page.getByTestId('analytics-charts').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible()
  await page.getByText('Every figure, week by week').click()
  await expect(page.getByTestId('analytics-table').locator('tbody tr')).toHaveCount(12)
  await shoot(page, 'admin')

  await page.getByRole('link', { name: '26 weeks' }).click()
  await expect(page).toHaveURL(/weeks=26/)
  await expect(page.getByTestId('analytics-table').locator('tbody tr')).toHaveCount(26)

  const violations = (
    await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  ).violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([])
  await context.close()
})

test('the analytics page and its API are for admins only', async ({ browser }) => {
  test.setTimeout(120_000)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await logInOnSite(page, 'moderator@eventpros.test', '/admin')
  await expect(
    page.getByRole('link', { name: /^Moderation/, includeHidden: true }),
  ).toHaveAttribute('href', '/admin/moderation')
  await expect(page.getByRole('link', { name: 'Analytics', includeHidden: true })).toHaveCount(0)
  await page.goto('/admin/analytics')
  await expect(page.getByText('Platform analytics are for admins.')).toBeVisible()
  expect(await page.evaluate(async () => (await fetch('/api/analytics/platform')).status)).toBe(403)
  await context.close()
})
