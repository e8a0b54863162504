import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import { type APIRequestContext, expect, test } from '@playwright/test'

import { E2E_SCRIPT_ENV } from '../../playwright.config'
import { DEMO_PASSWORD, nzDayFromToday, PHONE, screenshotter, signIn } from './support'

const shoot = screenshotter('invitations-')
const run = promisify(execFile)

// Liam and vendor 14: no other spec signs them in, so his jobs and its allowance are their own.
const ORGANIZER = 'liam@eventpros.test'
const VENDOR = 'vendor14@vendors.eventpros.test'

const vendorProfileOf = async (request: APIRequestContext, email: string) => {
  const login = await request.post('/api/users/login', { data: { email, password: DEMO_PASSWORD } })
  expect(login.ok()).toBe(true)
  const { token, user } = await login.json()
  const res = await request.get(`/api/vendors?where[owner][equals]=${user.id}&depth=0`, {
    headers: { Authorization: `JWT ${token}` },
  })
  const vendor = (await res.json()).docs[0]
  expect(vendor?.slug).toBeTruthy()
  return vendor as { id: number; slug: string; businessName: string }
}

test('on a phone, an organizer asks a vendor for a quote from their page, the vendor quotes from the invitation, and the booking completes after the event', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000)
  const vendor = await vendorProfileOf(request, VENDOR)
  const title = `Garden party ${Date.now().toString(36)}`
  const eventDay = nzDayFromToday(5)

  // 1. Not signed in, the vendor's page offers the request through logging in, and the
  // dialog is open when the organizer comes back.
  const context = await browser.newContext({ viewport: PHONE })
  const organizer = await context.newPage()
  await organizer.goto(`/vendors/${vendor.slug}`)
  await organizer.getByRole('link', { name: 'Log in to request a quote' }).click()
  await organizer.getByLabel('Email').fill(ORGANIZER)
  await organizer.getByLabel('Password').fill(DEMO_PASSWORD)
  await organizer.getByRole('button', { name: 'Log in' }).click()
  const dialog = organizer.locator('dialog[open]')
  await expect(
    dialog.getByRole('heading', { name: `Request a quote from ${vendor.businessName}` }),
  ).toBeVisible()
  await expect(organizer).not.toHaveURL(/request=quote/)
  await shoot(organizer, '1-request-dialog')

  // 2. A new job for this vendor: their services and town come prefilled, and publishing
  // sends the request.
  await dialog.getByRole('link', { name: /start a new job/i }).click()
  await organizer.getByLabel('Type of event').selectOption('birthday')
  await organizer.getByLabel('Job title').fill(title)
  await organizer.getByLabel('Event date').fill(eventDay)
  await organizer.getByLabel('Number of guests').fill('40')
  await organizer.getByRole('button', { name: 'Next' }).click()
  await expect(organizer.getByLabel('Town or city')).not.toHaveValue('')
  await organizer.getByLabel('Budget from (NZ$)').fill('800')
  await organizer.getByLabel('Budget up to (NZ$)').fill('2000')
  await organizer.getByRole('button', { name: 'Next' }).click()
  await expect(organizer.getByRole('list', { name: 'Chosen services' })).toBeVisible()
  await organizer
    .getByLabel('Describe the job')
    .fill('An afternoon garden party for forty friends; relaxed, sunny, with good food.')
  await organizer.getByRole('button', { name: 'Next' }).click()
  await expect(organizer.getByTestId('invite-note')).toContainText(vendor.businessName)
  await shoot(organizer, '2-new-job-for-vendor')
  await organizer.getByRole('button', { name: 'Publish and request quotes' }).click()
  await expect(organizer.getByRole('heading', { name: title })).toBeVisible()
  const asked = organizer.getByTestId('invitation-sent').filter({ hasText: vendor.businessName })
  await expect(asked.getByTestId('invitation-state')).toHaveText('Not opened yet')
  const jobId = Number(new URL(organizer.url()).pathname.split('/').at(-1))

  // Asking again from the vendor's page: the job is marked as already asked.
  await organizer.goto(`/vendors/${vendor.slug}`)
  await organizer.getByTestId('request-quote').click()
  await expect(dialog.getByRole('radio', { name: new RegExp(title) })).toBeDisabled()
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  // 3. The vendor finds the invitation on their quotes page and quotes from it.
  const vendorPage = await signIn(browser, VENDOR)
  await vendorPage.goto('/quotes')
  const card = vendorPage.getByTestId('vendor-invitation').filter({ hasText: title })
  await expect(card).toContainText('Waiting for your answer')
  await card.getByRole('link', { name: title }).click()
  await expect(vendorPage.getByRole('heading', { name: 'You’re invited to quote' })).toBeVisible()
  await shoot(vendorPage, '3-vendor-invitation')
  await vendorPage
    .getByLabel('Message to the organizer')
    .fill('Kia ora! We would love to cater your garden party: grazing tables all afternoon.')
  await vendorPage.getByLabel('Item 1').fill('Grazing table for 40')
  await vendorPage.getByLabel('Unit price 1').fill('1200')
  await vendorPage.getByRole('button', { name: 'Send quote' }).click()
  await expect(vendorPage.getByRole('heading', { name: 'Your quote' })).toBeVisible()
  await expect(vendorPage.getByTestId('invitation')).toContainText('you did')

  // 4. The organizer sees the answer and books.
  await organizer.goto(`/my-jobs/${jobId}`)
  await expect(asked.getByTestId('invitation-state')).toHaveText('Quoted: see below')
  const quote = organizer.getByTestId('quote-card').filter({ hasText: vendor.businessName })
  await quote.getByRole('button', { name: `Accept ${vendor.businessName}` }).click()
  await organizer
    .locator('[data-testid="confirm-dialog"][open]')
    .getByRole('button', { name: 'Accept quote' })
    .click()
  await expect(organizer.getByTestId('booked-message')).toContainText(
    `You booked ${vendor.businessName}`,
  )
  await shoot(organizer, '4-booked')
  await organizer.getByRole('link', { name: 'See the booking' }).click()
  await expect(organizer.getByRole('main').getByText('Confirmed', { exact: true })).toBeVisible()
  const review = organizer.getByRole('link', { name: `Review ${vendor.businessName}` })
  await expect(review).toHaveCount(0)
  const bookingUrl = organizer.url()
  const bookingId = bookingUrl.split('/').at(-1)!

  // 5. The clock moves to the day after the event: the hourly completion, run as of then,
  // completes the booking, and the organizer is asked for a review.
  const dayAfter = nzDayFromToday(6)
  const { stdout, stderr } = await run(
    'npm',
    // This booking only: the other specs' bookings share the database and keep their dates.
    ['run', 'bookings:complete', '--', `--as-of=${dayAfter}`, '--future', `--booking=${bookingId}`],
    { env: { ...process.env, ...E2E_SCRIPT_ENV }, timeout: 120_000 },
  )
  expect(`${stdout}${stderr}`).toMatch(/Completed 1 bookings/)
  await organizer.goto(bookingUrl)
  const completedOn = new Intl.DateTimeFormat('en-NZ', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(`${dayAfter}T00:00:00Z`))
  await expect(organizer.getByTestId('booking-news')).toContainText(`Completed on ${completedOn}`)
  await expect(review).toBeVisible()
  await shoot(organizer, '5-completed')
  await vendorPage.goto(bookingUrl)
  await expect(vendorPage.getByTestId('booking-news')).toContainText('Completed on')
  await context.close()
  await vendorPage.context().close()
})
