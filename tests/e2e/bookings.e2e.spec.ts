import { type APIRequestContext, expect, test } from '@playwright/test'

import { DEMO_PASSWORD, nzDayFromToday, screenshotter, signIn } from './support'

const shoot = screenshotter('bookings-')

const ORGANIZER = 'sione@eventpros.test'
// A demo vendor no other spec quotes with, so its monthly allowance is its own.
const VENDOR = 'vendor12@vendors.eventpros.test'

const tokenOf = async (request: APIRequestContext, email: string) => {
  const res = await request.post('/api/users/login', { data: { email, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
  return (await res.json()).token as string
}

/** A job of the organizer's, quoted by the vendor and accepted: the booking's and job's ids. */
const bookedJob = async (request: APIRequestContext, title: string, eventDate: string) => {
  const organizer = { Authorization: `JWT ${await tokenOf(request, ORGANIZER)}` }
  const vendor = { Authorization: `JWT ${await tokenOf(request, VENDOR)}` }
  const category = (await (await request.get('/api/categories?limit=1&depth=0')).json()).docs[0]
  const created = await request.post('/api/jobs', {
    headers: organizer,
    data: {
      title,
      description: 'A 40-guest family celebration; looking for someone relaxed and reliable.',
      eventType: 'birthday',
      eventDate,
      guestCount: 40,
      budgetMin: 500,
      budgetMax: 1500,
      location: { city: 'Wellington' },
      categories: [category.id],
    },
  })
  expect(created.status()).toBe(201)
  const jobId = (await created.json()).doc.id as number
  expect((await request.post(`/api/jobs/${jobId}/publish`, { headers: organizer })).ok()).toBe(true)
  const quote = await request.post(`/api/jobs/${jobId}/apply`, {
    headers: vendor,
    data: {
      message: 'Glad to help with the celebration.',
      lineItems: [{ description: 'Service, 3 hours', quantity: 1, unitPriceCents: 45_000 }],
    },
  })
  expect(quote.status(), await quote.text()).toBe(201)
  const accepted = await request.post(`/api/applications/${(await quote.json()).data.id}/accept`, {
    headers: organizer,
  })
  expect(accepted.ok()).toBe(true)
  return { jobId, bookingId: (await accepted.json()).data.booking.id as number, organizer }
}

test('on a phone, the organizer cancels a booking with a reason and the vendor sees it live; the job takes quotes again', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000)
  const title = `Cancelled lunch ${Date.now().toString(36)}`
  const {
    bookingId,
    jobId,
    organizer: asOrganizer,
  } = await bookedJob(request, title, nzDayFromToday(40))
  // The vendor has the booking open, as they might on the day they planned for it.
  const vendor = await signIn(browser, VENDOR)
  await vendor.goto(`/bookings/${bookingId}`)
  await expect(vendor.getByRole('heading', { level: 1, name: title })).toBeVisible()
  // Opening the bell marks what it lists as seen, so the badge counts only what comes next.
  const bell = vendor.locator('summary[aria-label^="Notifications"]')
  await bell.click()
  await expect(vendor.getByTestId('bell-panel')).toBeVisible()
  await bell.click()
  await expect(vendor.getByTestId('bell-count')).toHaveCount(0)

  const organizer = await signIn(browser, ORGANIZER)
  await organizer.goto(`/bookings/${bookingId}`)
  await organizer.getByRole('button', { name: 'Cancel booking' }).click()
  const dialog = organizer.locator('dialog[open]')
  await expect(dialog).toBeVisible()
  // Too short a reason is refused in the dialog, which stays open with what was typed.
  await dialog.getByLabel('Why are you cancelling?').fill('Sorry')
  await dialog.getByRole('button', { name: 'Cancel booking' }).click()
  await expect(dialog.getByRole('alert')).toContainText('at least 10 characters')
  const reason = 'The venue double-booked us, so the lunch is off.'
  await dialog.getByLabel('Why are you cancelling?').fill(reason)
  await expect(dialog.getByRole('checkbox')).toBeChecked()
  await shoot(organizer, '1-cancel-dialog')
  await dialog.getByRole('button', { name: 'Cancel booking' }).click()
  await expect(organizer.getByTestId('booking-news')).toContainText('Cancelled by you')
  await expect(organizer.getByTestId('booking-news')).toContainText(reason)
  await expect(organizer.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0)
  await shoot(organizer, '2-cancelled-organizer')

  // The vendor's page, open all along, changes by itself; the bell has the news.
  await expect(vendor.getByTestId('booking-news')).toContainText('Cancelled by the organizer')
  await expect(vendor.getByTestId('booking-news')).toContainText(reason)
  await expect(vendor.getByTestId('bell-count')).toHaveText('1')
  await shoot(vendor, '3-cancelled-vendor-live')
  await expect(vendor.getByTestId('booking-history')).toContainText('Cancelled')

  const job = await (await request.get(`/api/jobs/${jobId}`, { headers: asOrganizer })).json()
  expect(job.status).toBe('published')
  await organizer.context().close()
  await vendor.context().close()
})

test('on the day of the event, each side marks the booking done and the organizer is asked for a review', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000)
  const title = `Family lunch today ${Date.now().toString(36)}`
  const { bookingId } = await bookedJob(request, title, nzDayFromToday(0))

  const vendor = await signIn(browser, VENDOR)
  await vendor.goto(`/bookings/${bookingId}`)
  await vendor.getByRole('button', { name: 'Mark as done' }).click()
  await vendor.locator('dialog[open]').getByRole('button', { name: 'Mark as done' }).click()
  await expect(vendor.getByTestId('booking-news')).toContainText('You marked it done')
  await expect(vendor.getByRole('button', { name: 'Mark as done' })).toHaveCount(0)

  const organizer = await signIn(browser, ORGANIZER)
  await organizer.goto('/bookings')
  const card = organizer.getByTestId('booking').filter({ hasText: title })
  await card.getByRole('link', { name: 'Mark it done' }).click()
  await expect(organizer.getByTestId('booking-news')).toContainText('marked it done')
  await shoot(organizer, '4-vendor-marked-done')
  await organizer.getByRole('button', { name: 'Mark as done' }).click()
  await organizer.locator('dialog[open]').getByRole('button', { name: 'Mark as done' }).click()
  await expect(organizer.getByTestId('booking-news')).toContainText('Completed on')
  await expect(organizer.getByRole('link', { name: /^Review / })).toBeVisible()
  await shoot(organizer, '5-completed-review-open')
  // The vendor's open page follows: completed, nothing left to press.
  await expect(vendor.getByTestId('booking-news')).toContainText('Completed on')
  await organizer.context().close()
  await vendor.context().close()
})
