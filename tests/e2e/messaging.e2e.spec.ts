import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD as PASSWORD, demoStaffCode, screenshotter, signIn } from './support'

const shoot = screenshotter('messaging-')

test('an organizer and a vendor talk live, each seeing the other without reloading', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000)
  const login = await request.post('/api/users/login', {
    data: { email: 'admin@eventpros.test', password: PASSWORD, code: await demoStaffCode() },
  })
  const admin = (await login.json()).token as string
  const vendors = (
    await (
      await request.get('/api/vendors?where[status][equals]=active&depth=1&limit=50&sort=id', {
        headers: { Authorization: `JWT ${admin}` },
      })
    ).json()
  ).docs as {
    slug: string
    businessName: string
    owner: { email: string } | null
  }[]
  const demo = vendors.find((v) => v.owner?.email === 'vendor@eventpros.test')!

  // The vendor waits in their inbox; the organizer opens the vendor's page.
  const vendor = await signIn(browser, 'vendor@eventpros.test')
  await vendor.goto('/inbox')
  const organizer = await signIn(browser, 'sione@eventpros.test')
  await organizer.goto(`/vendors/${demo.slug}`)
  await organizer.getByRole('button', { name: 'Message this vendor' }).click()
  await expect(organizer).toHaveURL(/\/inbox\/\d+$/)
  const hello = `Kia ora, are you free on 12 March? (${Date.now().toString(36)})`
  await organizer.getByPlaceholder('Write a message').fill(hello)
  await organizer.getByRole('button', { name: 'Send' }).click()
  await expect(organizer.getByTestId('message').filter({ hasText: hello })).toBeVisible()
  await shoot(organizer, '1-organizer-sent')

  // Without reloading, the vendor's inbox shows the conversation, unread, and the bell counts it.
  const thread = vendor.getByTestId('thread').filter({ hasText: hello.slice(0, 20) })
  await expect(thread).toBeVisible()
  await expect(thread.getByTestId('unread-badge')).toHaveText(/1/)
  await expect(vendor.getByTestId('bell-count')).toBeVisible()
  await shoot(vendor, '2-vendor-inbox-unread')
  await thread.click()
  await expect(vendor.getByTestId('message').filter({ hasText: hello })).toBeVisible()
  // The vendor sees who wrote: first name and initial, never the organizer's account.
  await expect(vendor.getByRole('heading', { name: 'Sione T.' })).toBeVisible()

  // They reply to each other, each message appearing on the other phone by itself.
  const reply = 'Yes, 12 March is free. Shall I send a quote?'
  await vendor.getByPlaceholder('Write a message').fill(reply)
  await vendor.getByRole('button', { name: 'Send' }).click()
  await expect(organizer.getByTestId('message').filter({ hasText: reply })).toBeVisible()
  const answer = 'Please do, for about 60 guests.'
  await organizer.getByPlaceholder('Write a message').fill(answer)
  await organizer.getByRole('button', { name: 'Send' }).click()
  await expect(vendor.getByTestId('message').filter({ hasText: answer })).toBeVisible()
  // The organizer sees that the vendor read it.
  await expect(organizer.getByTestId('message').filter({ hasText: answer })).toContainText('Seen')
  await shoot(organizer, '3-organizer-conversation')
  await shoot(vendor, '4-vendor-conversation')

  // Back in the inbox, the vendor has nothing unread.
  await vendor.goto('/inbox')
  await expect(
    vendor
      .getByTestId('thread')
      .filter({ hasText: answer.slice(0, 15) })
      .getByTestId('unread-badge'),
  ).toHaveCount(0)
})
