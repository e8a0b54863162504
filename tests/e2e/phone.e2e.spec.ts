import { expect, type Page, test } from '@playwright/test'

import { layoutShift, screenshotter, signIn, trackLayoutShift } from './support'

const shoot = screenshotter('phone-')

const headerHeight = (page: Page) =>
  page
    .locator('header')
    .first()
    .evaluate((header) => header.getBoundingClientRect().height)

test('an organizer on a phone: the menu reaches everything, the bell stays on screen, nothing shifts', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const organizer = await signIn(browser, 'organizer@eventpros.test')
  await trackLayoutShift(organizer)
  await organizer.goto('/')
  const height = await headerHeight(organizer)

  // The menu lists every destination of an organizer, each big enough to tap.
  const button = organizer.getByTestId('menu-button')
  await button.click()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  const menu = organizer.getByTestId('site-menu')
  for (const name of ['Find vendors', 'My jobs', 'Post a job', 'Bookings', 'Inbox', 'Account'])
    await expect(menu.getByRole('link', { name, exact: true })).toBeVisible()
  await expect(menu.getByRole('button', { name: 'Log out' })).toBeVisible()
  for (const item of await menu.getByRole('link').all())
    expect((await item.boundingBox())!.height).toBeGreaterThanOrEqual(44)
  await shoot(organizer, '1-organizer-menu')
  await organizer.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  await expect(button).toBeFocused()
  await button.click()
  await menu.getByRole('link', { name: 'My jobs', exact: true }).click()
  await expect(organizer).toHaveURL(/\/my-jobs$/)
  await expect(menu).toBeHidden()
  await button.click()
  await expect(menu.getByRole('link', { name: 'My jobs', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await organizer.keyboard.press('Escape')

  // The bell's panel fits the screen, down to 320 px, and the header keeps one row.
  for (const width of [390, 320]) {
    await organizer.setViewportSize({ width, height: 844 })
    await organizer.locator('summary[aria-label^="Notifications"]').click()
    const panel = organizer.getByTestId('bell-panel')
    await expect(panel).toBeVisible()
    const box = (await panel.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(width)
    if (width === 320) await shoot(organizer, '2-bell-320')
    await organizer.locator('summary[aria-label^="Notifications"]').click()
    expect(await headerHeight(organizer)).toBe(height)
  }
  await organizer.setViewportSize({ width: 390, height: 844 })
  await organizer.goto('/vendors')
  await organizer.waitForLoadState('networkidle')
  expect(await layoutShift(organizer)).toBeLessThan(0.01)
  await organizer.context().close()
})

test('the map on a phone: zoom, tap a pin for the vendor, search this area', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
  await page.goto('/vendors?near=Wellington&view=map')
  const map = page.getByTestId('map')
  await expect(map).toBeVisible()
  const markers = page.getByTestId('map-pin').or(page.getByTestId('map-cluster'))
  await expect(markers.first()).toBeVisible()
  // Measured in one pass in the page: the map re-clusters once it knows its own size, so
  // markers found one by one can be gone by the time each is measured, and a marker added in
  // that pass may not be laid out yet: measured again until the map has settled.
  const smallest = () =>
    markers.evaluateAll((elements) =>
      elements.length === 0
        ? 0
        : Math.min(
            ...elements.map((element) => {
              const { width, height } = element.getBoundingClientRect()
              return Math.min(width, height)
            }),
          ),
    )
  await expect.poll(smallest, { timeout: 15_000 }).toBeGreaterThanOrEqual(24)
  await shoot(page, '3-map')
  // Zoom in until single vendors show, opening clusters on the way.
  for (let i = 0; i < 6 && (await page.getByTestId('map-pin').count()) === 0; i++) {
    const cluster = page.getByTestId('map-cluster').first()
    if (await cluster.isVisible()) await cluster.click()
    else await page.getByTestId('map-zoom-in').click()
  }
  const pin = page.getByTestId('map-pin').first()
  await expect(pin).toBeVisible()
  const name = (await pin.getAttribute('aria-label'))!
  await pin.click()
  const card = page.getByTestId('map-card')
  await expect(card).toBeVisible()
  await expect(card).toContainText(name.split(',')[0]!)
  await shoot(page, '4-map-pin')
  await page.getByTestId('map-zoom-in').click()
  await page.getByTestId('search-this-area').click()
  await expect(page).toHaveURL(/bounds=/)
  await expect(page.getByTestId('map')).toBeVisible()
  await page.context().close()
})

test('a vendor on a phone: their workspace and a job board of their own services', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const vendor = await signIn(browser, 'vendor@eventpros.test')
  await vendor.goto('/admin')
  const dashboard = vendor.getByTestId('vendor-dashboard').first()
  await expect(dashboard).toBeVisible()
  await expect(vendor.getByTestId('vendor-figure').first()).toBeVisible()
  await expect(vendor.getByTestId('vendor-plan')).toBeVisible()
  await expect(vendor).toHaveTitle(/Event Pros NZ/)
  await shoot(vendor, '5-vendor-dashboard')
  await dashboard.getByRole('link', { name: 'Job board' }).click()
  await expect(vendor).toHaveURL(/\/jobs/)
  await expect(vendor.getByTestId('job-board-scope')).toBeVisible()
  const scoped = await vendor.getByTestId('job-card').count()
  await shoot(vendor, '6-vendor-job-board')
  await vendor.getByTestId('job-board-scope').getByRole('link').first().click()
  await expect(vendor).toHaveURL(/all=true/)
  await expect.poll(() => vendor.getByTestId('job-card').count()).toBeGreaterThanOrEqual(scoped)
  await vendor.context().close()
})
