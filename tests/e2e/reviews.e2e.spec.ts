import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD as PASSWORD, logInOnSite, PHONE, screenshotter, signIn } from './support'

const shoot = screenshotter('reviews-')

// Plain text that looks like HTML: it must show as typed and never run.
const ATTACK = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
const REVIEW = `Brilliant photos of our engagement drinks, thank you! ${ATTACK}`

test('an organizer reviews a past booking, a moderator publishes it, the vendor responds', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000)
  const login = await request.post('/api/users/login', {
    data: { email: 'vendor@eventpros.test', password: PASSWORD },
  })
  const { token: vendorToken, user } = (await login.json()) as {
    token: string
    user: { id: number }
  }
  // Their own profile by its owner, not the first in the list (other specs edit other profiles).
  const own = await (
    await request.get(`/api/vendors?where[owner][equals]=${user.id}&depth=0&limit=1`, {
      headers: { Authorization: `JWT ${vendorToken}` },
    })
  ).json()
  const vendor = own.docs[0] as {
    id: number
    slug: string
    businessName: string
    rating: { average: number; count: number }
  }
  // The demo vendor starts with three published reviews: 5, 4 and 5 stars.
  expect(vendor.rating.count).toBe(3)

  // 1. Olivia reviews her engagement drinks photographer on her phone.
  const organizer = await signIn(browser, 'organizer@eventpros.test')
  await organizer.goto('/bookings')
  await organizer.getByTestId('write-review').first().click()
  await expect(
    organizer.getByRole('heading', { name: `Review ${vendor.businessName}` }),
  ).toBeVisible()
  await organizer.getByRole('button', { name: 'Post review' }).click()
  await expect(organizer.getByText('Rate overall from 1 to 5 stars.')).toBeVisible()
  for (const [legend, stars] of [
    ['Overall', 3],
    ['Quality', 4],
    ['Communication', 3],
    ['Value for money', 3],
    ['Professionalism', 4],
  ] as const) {
    // A tap on the star, as on a phone; the radio it stands for is then checked.
    const group = organizer.getByRole('group', { name: legend })
    await group
      .locator('label')
      .nth(stars - 1)
      .click()
    await expect(group.getByRole('radio', { name: `${stars} stars` })).toBeChecked()
  }
  await organizer.getByLabel('Your review').fill(REVIEW)
  await shoot(organizer, 'write-phone')
  await organizer.getByRole('button', { name: 'Post review' }).click()
  await expect(organizer.getByRole('status')).toContainText('Thank you for your review')
  await expect(organizer.getByText('Your review is being checked')).toBeVisible()

  // Not on the vendor's page yet.
  const visitor = await (await browser.newContext({ viewport: PHONE })).newPage()
  await visitor.goto(`/vendors/${vendor.slug}`)
  await expect(visitor.getByTestId('review')).toHaveCount(3)

  // 2. A moderator publishes it from the queue in /admin.
  const moderator = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 } })
  ).newPage()
  // Staff sign in on the site, where the second step is asked, and go on to the admin.
  await logInOnSite(moderator, 'moderator@eventpros.test', '/admin')
  await expect(moderator).toHaveURL(/\/admin$/)
  // The dashboard lists what waits in each queue.
  await expect(moderator.getByTestId('dashboard-pendingReviews')).toContainText('2')
  // The queue's link, followed by its address: a click while the admin is still hydrating
  // under load was once lost, and what matters here is where the link leads.
  const queueLink = moderator.getByRole('link', { name: /Pending reviews/ })
  await expect(queueLink).toHaveAttribute('href', '/admin/moderation?queue=pendingReviews')
  await moderator.goto((await queueLink.getAttribute('href'))!)
  await expect(moderator).toHaveURL(/\/admin\/moderation\?queue=pendingReviews$/)
  await expect(moderator.getByRole('heading', { name: 'Moderation' })).toBeVisible()
  // Olivia's and Sione's (from the demo data) wait.
  await expect(moderator.getByTestId('count-pendingReviews')).toHaveText('(2)')
  const item = moderator.locator('li', { hasText: 'Brilliant photos of our engagement drinks' })
  await expect(item).toContainText(ATTACK)
  await shoot(moderator, 'moderation-queue')
  await item.getByRole('button', { name: 'Publish' }).click()
  await expect(moderator.getByTestId('count-pendingReviews')).toHaveText('(1)')
  await expect(
    moderator.locator('li', { hasText: 'Brilliant photos of our engagement drinks' }),
  ).toHaveCount(0)

  // 3. The vendor's page shows it, as text, with the new average: (5 + 4 + 5 + 3) / 4 = 4.25.
  await visitor.reload()
  await expect(visitor.getByTestId('review')).toHaveCount(4)
  await expect(visitor.getByTestId('rating-average')).toHaveText('4.3')
  await expect(visitor.getByText('4 verified reviews')).toBeVisible()
  const text = visitor.getByTestId('review-text').filter({ hasText: 'Brilliant photos' })
  await expect(text).toHaveText(REVIEW)
  expect(await visitor.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
  expect(
    await visitor
      .locator('[data-testid="review"] script, [data-testid="review"] img[src="x"]')
      .count(),
  ).toBe(0)
  await shoot(visitor, 'vendor-page-phone')

  // 4. The vendor responds, publicly, from their page.
  const vendorPage = await signIn(browser, 'vendor@eventpros.test')
  await vendorPage.goto(`/vendors/${vendor.slug}`)
  const review = vendorPage.getByTestId('review').filter({ hasText: 'Brilliant photos' })
  await review.getByRole('button', { name: 'Respond publicly' }).click()
  await review.getByLabel('Your public response').fill('Ngā mihi Olivia, it was a joy to be there.')
  await review.getByRole('button', { name: 'Post response' }).click()
  await expect(review.getByTestId('review-response')).toContainText('Ngā mihi Olivia')
  await visitor.reload()
  await expect(
    visitor
      .getByTestId('review')
      .filter({ hasText: 'Brilliant photos' })
      .getByTestId('review-response'),
  ).toContainText(`Response from ${vendor.businessName}`)
  await shoot(visitor, 'vendor-page-response')
})
