import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD, nzDayFromToday, PHONE, screenshotter, signIn, viaHeader } from './support'

const shoot = screenshotter('calendar-')

// A demo vendor no other spec signs in, so its calendar starts as the seed left it.
const VENDOR = 'vendor13@vendors.eventpros.test'

test('on a phone, a vendor blocks a day and a range, organizers see them busy, and the private feed carries them', async ({
  browser,
  request,
}) => {
  // A minute alone on these machines (three sign-ins, a feed, a cached page); room for a busy CI.
  test.setTimeout(180_000)
  const vendor = await signIn(browser, VENDOR)
  await viaHeader(vendor, 'Calendar')
  await expect(vendor.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible()
  const day = (offset: number) => vendor.locator(`[data-day="${nzDayFromToday(offset)}"]`)

  // A tap blocks a free day; a second tap frees it again.
  const single = day(3)
  await expect(single).toHaveAttribute('data-state', 'free')
  await single.click()
  await expect(single).toHaveAttribute('data-state', 'blocked')
  await expect(vendor.getByTestId('calendar-message')).toContainText('Blocked')
  await single.click()
  await expect(single).toHaveAttribute('data-state', 'free')
  await single.click()
  await expect(single).toHaveAttribute('data-state', 'blocked')

  // From the keyboard: Enter on a focused day does the same.
  await day(5).focus()
  await vendor.keyboard.press('Enter')
  await expect(day(5)).toHaveAttribute('data-state', 'blocked')
  await vendor.keyboard.press('Enter')
  await expect(day(5)).toHaveAttribute('data-state', 'free')
  await vendor.keyboard.press('ArrowRight')
  await expect(day(6)).toBeFocused()

  // A drag blocks a range: pressed on one day, let go on another.
  const [start, end] = [day(8), day(10)]
  await start.scrollIntoViewIfNeeded()
  const from = (await start.boundingBox())!
  const to = (await end.boundingBox())!
  await vendor.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await vendor.mouse.down()
  await vendor.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 })
  await vendor.mouse.up()
  for (const offset of [8, 9, 10])
    await expect(day(offset)).toHaveAttribute('data-state', 'blocked')
  await shoot(vendor, '1-vendor-calendar')

  // The private address, shown once, serves those days to any calendar app.
  await vendor.getByRole('button', { name: 'Make my calendar address' }).click()
  const address = await vendor.getByLabel(/Your calendar address/).inputValue()
  const feed = await request.get(new URL(address).pathname)
  expect(feed.status()).toBe(200)
  const text = await feed.text()
  expect(text).toContain(`DTSTART;VALUE=DATE:${nzDayFromToday(3).replaceAll('-', '')}`)
  expect(text).toContain(`DTSTART;VALUE=DATE:${nzDayFromToday(8).replaceAll('-', '')}`)
  expect(text).toContain(`DTEND;VALUE=DATE:${nzDayFromToday(11).replaceAll('-', '')}`)
  await shoot(vendor, '2-feed-address')

  // An organizer (signed out here) sees the days busy on the vendor's page, and nothing more.
  const login = await request.post('/api/users/login', {
    data: { email: VENDOR, password: DEMO_PASSWORD },
  })
  const { token, user } = await login.json()
  const profile = (
    await (
      await request.get(`/api/vendors?where[owner][equals]=${user.id}&depth=0`, {
        headers: { Authorization: `JWT ${token}` },
      })
    ).json()
  ).docs[0]
  const visitor = await (await browser.newContext({ viewport: PHONE })).newPage()
  await visitor.goto(`/vendors/${profile.slug}`)
  const availability = visitor.getByTestId('vendor-availability')
  await availability.scrollIntoViewIfNeeded()
  for (const offset of [3, 8, 9, 10]) {
    await expect(availability.locator(`[data-date="${nzDayFromToday(offset)}"]`)).toHaveAttribute(
      'data-state',
      'busy',
    )
  }
  await expect(availability.locator(`[data-date="${nzDayFromToday(5)}"]`)).toHaveAttribute(
    'data-state',
    'free',
  )
  await expect(availability).not.toContainText('blocked')
  await shoot(visitor, '3-vendor-page-availability')
  await visitor.context().close()
  await vendor.context().close()
})
