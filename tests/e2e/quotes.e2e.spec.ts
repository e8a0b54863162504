import { type APIRequestContext, expect, test } from '@playwright/test'

import {
  DEMO_PASSWORD as PASSWORD,
  DEMO_STAFF,
  demoStaffCode,
  screenshotter,
  signIn,
  viaHeader,
} from './support'

const shoot = screenshotter('quotes-')

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const apiToken = async (request: APIRequestContext, email: string) => {
  const code = DEMO_STAFF.includes(email) ? await demoStaffCode() : undefined
  const res = await request.post('/api/users/login', { data: { email, password: PASSWORD, code } })
  expect(res.ok()).toBe(true)
  return (await res.json()).token as string
}

type VendorDoc = { businessName: string; status: string; owner: { email: string } | null }

test('an organizer posts a job, vendors quote, the organizer compares and books', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000)
  // Two seeded vendors with live profiles: the demo vendor, and another one who quotes by API.
  const admin = await apiToken(request, 'admin@eventpros.test')
  const vendors = (
    await (
      await request.get('/api/vendors?where[status][equals]=active&depth=1&limit=50&sort=id', {
        headers: { Authorization: `JWT ${admin}` },
      })
    ).json()
  ).docs as VendorDoc[]
  const demoVendor = vendors.find((v) => v.owner?.email === 'vendor@eventpros.test')!
  const otherVendor = vendors.find((v) => v.owner && v.owner.email !== 'vendor@eventpros.test')!
  expect(demoVendor).toBeTruthy()
  expect(otherVendor).toBeTruthy()

  // 1. The organizer posts a job in four steps on a phone.
  const organizer = await signIn(browser, 'priya@eventpros.test')
  const title = `Photos for a 30th in Napier ${Date.now().toString(36)}`
  await viaHeader(organizer, 'My jobs')
  await organizer.getByRole('link', { name: 'Post a job' }).click()
  await organizer.getByLabel('Type of event').selectOption('birthday')
  await organizer.getByLabel('Job title').fill(title)
  await organizer.getByLabel('Event date').fill(day(-2))
  await organizer.getByLabel('Number of guests').fill('50')
  await organizer.getByRole('button', { name: 'Next' }).click()
  await expect(organizer.getByText('The event date cannot be in the past.')).toBeVisible()
  await organizer.getByLabel('Event date').fill(day(60))
  await organizer.getByRole('button', { name: 'Next' }).click()
  await organizer.getByLabel('Town or city').fill('Napier')
  await organizer.getByLabel(/Street address/).fill('12 Marine Parade')
  await organizer.getByLabel('Budget from (NZ$)').fill('2000')
  await organizer.getByLabel('Budget up to (NZ$)').fill('900')
  await organizer.getByRole('button', { name: 'Next' }).click()
  await expect(
    organizer.getByText('The maximum budget must be at least the minimum.'),
  ).toBeVisible()
  await organizer.getByLabel('Budget up to (NZ$)').fill('2500')
  await organizer.getByRole('button', { name: 'Next' }).click()
  await organizer.getByLabel('Event photographers').check()
  await organizer
    .getByLabel('Describe the job')
    .fill('Candid photos of a relaxed 30th birthday dinner for about fifty friends.')
  await shoot(organizer, '1-post-job-step-3')
  await organizer.getByRole('button', { name: 'Next' }).click()
  await organizer.getByLabel('Quotes close on (optional)').fill(day(30))
  await organizer.getByRole('button', { name: 'Publish job' }).click()
  await expect(organizer.getByRole('heading', { name: title })).toBeVisible()
  await expect(organizer.getByText('Open for quotes')).toBeVisible()
  const jobId = Number(organizer.url().match(/my-jobs\/(\d+)/)![1])
  await shoot(organizer, '2-job-published')

  // 2. Another vendor quotes through the API.
  const other = await apiToken(request, otherVendor.owner!.email)
  const apply = await request.post(`/api/jobs/${jobId}/apply`, {
    headers: { Authorization: `JWT ${other}` },
    data: {
      message: 'Happy to help: relaxed candid coverage and edited photos within a week.',
      lineItems: [
        { description: 'Event photography, 3 hours', quantity: 1, unitPriceCents: 60_000 },
      ],
    },
  })
  expect(apply.status()).toBe(201)
  // The organizer's job page, open all along, shows it without a reload.
  await expect(organizer.getByTestId('quote-card')).toHaveCount(1)

  // 3. The demo vendor finds the job on the board and builds a quote.
  const vendor = await signIn(browser, 'vendor@eventpros.test')
  // Signing in leads a vendor on to their workspace (/admin); the site's menu is on the site.
  await vendor.goto('/')
  await viaHeader(vendor, 'Job board')
  // The board starts from the vendor's own services and regions; Napier is outside them.
  await expect(vendor.getByTestId('job-board-scope')).toContainText('your services and regions')
  await vendor.getByTestId('job-board-scope').getByRole('link', { name: 'Show all jobs' }).click()
  await expect(vendor).toHaveURL(/all=true/)
  await vendor.getByLabel('What').fill(title.split(' ').at(-1)!)
  await vendor.getByRole('button', { name: 'Search jobs' }).click()
  await expect(vendor.getByTestId('job-count')).toContainText('1 open job')
  await shoot(vendor, '3-job-board')
  await vendor.getByRole('link', { name: title }).click()
  await expect(vendor.getByText('12 Marine Parade')).toHaveCount(0)
  await vendor
    .getByLabel('Message to the organizer')
    .fill('Kia ora Priya, we would love to capture your 30th: natural, unposed photos all evening.')
  await vendor.getByLabel('Item 1').fill('Photography, per hour')
  await vendor.getByLabel('Quantity 1').fill('3')
  await vendor.getByLabel('Unit price 1').fill('150')
  await vendor.getByRole('button', { name: 'Add a line' }).click()
  await vendor.getByLabel('Item 2').fill('Online gallery')
  await vendor.getByLabel('Unit price 2').fill('50')
  // 3 × $150 + $50 = $500; GST $75; total $575.
  await expect(vendor.getByTestId('quote-total')).toHaveText('$575.00')
  await shoot(vendor, '4-quote-builder')
  await vendor.getByRole('button', { name: 'Send quote' }).click()
  await expect(vendor.getByRole('heading', { name: 'Your quote' })).toBeVisible()
  await expect(vendor.getByText('Submitted')).toBeVisible()

  // 4. The second quote appears by itself; the organizer compares the two side by side and
  // accepts the demo vendor's, confirming in our dialog (Escape backs out, focus returns).
  const cards = organizer.getByTestId('quote-card')
  await expect(cards).toHaveCount(2)
  const chosen = cards.filter({ hasText: demoVendor.businessName })
  await expect(chosen).toContainText('$575.00')
  await expect(chosen).toContainText('$75.00')
  await expect(cards.filter({ hasText: otherVendor.businessName })).toContainText('$690.00')
  await shoot(organizer, '5-compare-quotes')
  await expect(organizer.getByTestId('live-announcer')).toContainText(demoVendor.businessName)
  const accept = chosen.getByRole('button', { name: `Accept ${demoVendor.businessName}` })
  await accept.click()
  // Each card has its dialog; the open one is the one asking.
  const dialog = organizer.locator('[data-testid="confirm-dialog"][open]')
  await expect(dialog).toBeVisible()
  await shoot(organizer, '5b-confirm-dialog')
  await organizer.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(accept).toBeFocused()
  await accept.click()
  await dialog.getByRole('button', { name: 'Accept quote' }).click()
  await expect(organizer.getByTestId('booked-message')).toContainText(
    `You booked ${demoVendor.businessName}`,
  )
  await expect(organizer.getByRole('link', { name: 'See the booking' })).toBeVisible()
  await expect(
    organizer.getByTestId('quote-card').filter({ hasText: otherVendor.businessName }),
  ).toContainText('Declined')
  await shoot(organizer, '6-booked')
  await organizer.getByRole('link', { name: 'See the booking' }).click()
  await expect(organizer.getByTestId('booking').filter({ hasText: title })).toContainText(
    demoVendor.businessName,
  )
  await shoot(organizer, '7-organizer-bookings')

  // 5. The vendor sees the booking, now with the street address.
  await vendor.goto('/bookings')
  const booking = vendor.getByTestId('booking').filter({ hasText: title })
  await expect(booking).toContainText('$575.00')
  await expect(booking).toContainText('12 Marine Parade')
  await shoot(vendor, '8-vendor-bookings')
  // From the booking, the vendor opens a conversation with the organizer.
  await booking.getByRole('button', { name: 'Message the organizer' }).click()
  await expect(vendor).toHaveURL(/\/inbox\/\d+$/)
  await expect(vendor.getByRole('heading', { name: 'Priya P.' })).toBeVisible()

  // 6. The other vendor's quote shows declined.
  const declined = await signIn(browser, otherVendor.owner!.email)
  await declined.goto('/quotes')
  // The quote's own card: the bell's panel lists the same job title once its notice arrives.
  await expect(declined.getByTestId('vendor-quote').filter({ hasText: title })).toContainText(
    'Declined',
  )
  await shoot(declined, '9-other-vendor-declined')
})

test('a quote arrives in an open bell, then the vendor withdraws it: both sides see it live', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000)
  const admin = await apiToken(request, 'admin@eventpros.test')
  const vendors = (
    await (
      await request.get('/api/vendors?where[status][equals]=active&depth=1&limit=50&sort=-id', {
        headers: { Authorization: `JWT ${admin}` },
      })
    ).json()
  ).docs as (VendorDoc & { categories: { id: number }[] })[]
  const quoting = vendors.find((v) => v.owner && v.owner.email !== 'vendor@eventpros.test')!
  // The organizer publishes a job in the vendor's own service, and the vendor quotes on it.
  const organizerToken = await apiToken(request, 'sione@eventpros.test')
  const title = `Birthday lunch ${Date.now().toString(36)}`
  const created = await request.post('/api/jobs', {
    headers: { Authorization: `JWT ${organizerToken}` },
    data: {
      title,
      description: 'A 60-guest birthday lunch; looking for someone relaxed and reliable.',
      eventType: 'birthday',
      eventDate: day(90),
      guestCount: 60,
      budgetMin: 500,
      budgetMax: 1500,
      location: { city: 'Wellington' },
      categories: [quoting.categories[0]!.id],
      applicationDeadline: day(30),
    },
  })
  expect(created.status()).toBe(201)
  const jobId = (await created.json()).doc.id as number
  const published = await request.post(`/api/jobs/${jobId}/publish`, {
    headers: { Authorization: `JWT ${organizerToken}` },
  })
  expect(published.status()).toBe(200)
  // The organizer waits on the job page with the bell's panel open.
  const organizer = await signIn(browser, 'sione@eventpros.test')
  await organizer.goto(`/my-jobs/${jobId}`)
  await organizer.locator('summary[aria-label^="Notifications"]').click()
  const panel = organizer.getByTestId('bell-panel')
  await expect(panel).toBeVisible()
  await expect(panel.getByTestId('bell-item').filter({ hasText: title })).toHaveCount(0)

  const vendorToken = await apiToken(request, quoting.owner!.email)
  const apply = await request.post(`/api/jobs/${jobId}/apply`, {
    headers: { Authorization: `JWT ${vendorToken}` },
    data: {
      message: 'Glad to help with the lunch.',
      lineItems: [{ description: 'Service, 3 hours', quantity: 1, unitPriceCents: 45_000 }],
    },
  })
  expect(apply.status()).toBe(201)
  // The open panel lists the new quote by itself, already seen: no badge appears.
  await expect(panel.getByTestId('bell-item').filter({ hasText: title })).toBeVisible()
  await expect(organizer.getByTestId('bell-count')).toHaveCount(0)
  await shoot(organizer, '10-bell-open-live')
  await organizer.locator('summary[aria-label^="Notifications"]').click()

  const card = organizer.getByTestId('quote-card')
  await expect(card).toHaveCount(1)
  await expect(card).toContainText('Submitted')

  const vendor = await signIn(browser, quoting.owner!.email)
  await vendor.goto(`/jobs/${jobId}`)
  await vendor.getByRole('button', { name: 'Withdraw quote' }).click()
  const dialog = vendor.locator('dialog[open]')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Withdraw quote' }).click()
  await expect(vendor.getByTestId('action-status')).toHaveText(
    `You withdrew your quote for “${title}”.`,
  )
  await expect(vendor.getByText('Withdrawn', { exact: true })).toBeVisible()
  await expect(vendor.getByRole('button', { name: 'Withdraw quote' })).toHaveCount(0)
  await shoot(vendor, '11-vendor-withdrew')
  // The organizer's page, open all along, shows the change without a reload.
  await expect(card).toContainText('Withdrawn')
  await organizer.context().close()
  await vendor.context().close()
})
