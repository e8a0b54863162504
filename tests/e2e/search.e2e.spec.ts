import { expect, type Page, test } from '@playwright/test'

import { screenshotter } from './support'

const shoot = screenshotter()

const resultCount = async (page: Page) =>
  Number(
    (await page.getByTestId('result-count').locator('span').first().innerText()).replace(/\D/g, ''),
  )

for (const [device, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 900 }],
] as const) {
  test(`an organizer finds a photographer near Wellington, narrows, maps and opens one (${device})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport)
    await page.goto('/vendors')

    await page.getByLabel('What').fill('photographer')
    await page.getByLabel('Near').fill('Wellington')
    await page.getByLabel('Within').selectOption('30')
    await page.getByRole('button', { name: 'Search' }).click()

    await expect(page).toHaveURL(/q=photographer.*near=Wellington.*radius=30/)
    await expect(page.getByTestId('result-count')).toContainText('within 30 km of Wellington')
    const total = await resultCount(page)
    expect(total).toBeGreaterThan(0)
    for (const distance of await page.getByTestId('distance').allInnerTexts()) {
      expect(Number(distance.match(/[\d.]+/)![0])).toBeLessThanOrEqual(30)
    }
    await shoot(page, `search-${device}-1-results`)

    // Narrow by the first category facet; its count is what the page then shows.
    if (device === 'phone') await page.getByTestId('filters-toggle').locator('summary').click()
    const facets = page.getByTestId('facets').filter({ visible: true })
    const facet = facets.getByRole('link').first()
    const facetCount = Number((await facet.locator('span').last().innerText()).trim())
    await facet.click()
    await expect(page).toHaveURL(/category=/)
    await expect(page.getByTestId('result-count')).toBeVisible()
    expect(await resultCount(page)).toBe(facetCount)
    expect(facetCount).toBeLessThanOrEqual(total)
    await shoot(page, `search-${device}-2-narrowed`)

    // The state lives in the URL: back returns to the wider search, forward to the narrower.
    await page.goBack()
    await expect(page).not.toHaveURL(/category=/)
    await expect.poll(() => resultCount(page)).toBe(total)
    await page.goForward()
    await expect(page).toHaveURL(/category=/)

    await page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: 'Map' }).click()
    await expect(page).toHaveURL(/view=map/)
    const map = page.getByTestId('offline-map')
    await expect(map).toBeVisible()
    await shoot(page, `search-${device}-3-map`)

    const pins = map.getByTestId('map-pin')
    const name = (await pins.count())
      ? await pins.first().getAttribute('aria-label')
      : await page
          .getByRole('list', { name: 'Vendors on the map' })
          .getByRole('link')
          .first()
          .innerText()
    // A pin opens a card with the vendor; its link opens their page.
    if (await pins.count()) {
      await pins.first().click()
      await page.getByTestId('map-card').getByRole('link', { name: 'View profile' }).click()
    } else
      await page.getByRole('list', { name: 'Vendors on the map' }).getByRole('link').first().click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name!)
    await shoot(page, `search-${device}-4-vendor`)
  })
}

test('a bad search explains itself instead of failing', async ({ page }) => {
  await page.goto('/vendors?near=Gotham')
  // Next.js adds its own (empty) role=alert route announcer; ours is the one that explains.
  const problem = page.getByRole('alert').filter({ hasText: 'Please check your search' })
  await expect(problem).toContainText('Near')
  await expect(problem).toContainText('Gotham')
})

test('a page past the last goes to the last page, and a town names its region once', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/vendors?page=999')
  await expect(page).toHaveURL(/page=\d+/)
  const last = Number(new URL(page.url()).searchParams.get('page'))
  expect(last).toBeGreaterThan(1)
  expect(last).toBeLessThan(999)
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText(
    `Page ${last} of ${last}`,
  )
  await expect(page.locator('article h3 a').first()).toBeVisible()

  await page.goto('/categories/photography-and-video?page=999')
  await expect(page).toHaveURL(/page=\d+$/)
  await expect(page.locator('article h3 a').first()).toBeVisible()

  await page.goto('/vendors?near=Wellington&radius=30')
  await expect(page.locator('article').first()).toBeVisible()
  await expect(page.locator('main')).not.toContainText('Wellington, Wellington')
})
