import { type Browser, expect, type Page, test } from '@playwright/test'

import { screenshotter, signIn, viaHeader } from './support'

const shoot = screenshotter('offline-')

/** Waits until the service worker controls the page, so what it loads next is stored. */
const controlled = async (page: Page) => {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready
    return Boolean(navigator.serviceWorker.controller)
  })
}

const storedPages = (page: Page) =>
  page.evaluate(async () =>
    (await caches.has('pages'))
      ? (await (await caches.open('pages')).keys()).map((r) => new URL(r.url).pathname)
      : [],
  )

const openThread = async (browser: Browser) => {
  const organizer = await signIn(browser, 'sione@eventpros.test')
  await organizer.goto('/vendors')
  await controlled(organizer)
  const vendorPage = (await organizer
    .locator('main a[href^="/vendors/"]')
    .first()
    .getAttribute('href'))!
  await organizer.goto(vendorPage)
  await organizer.getByRole('button', { name: 'Message this vendor' }).click()
  await expect(organizer).toHaveURL(/\/inbox\/\d+$/)
  return organizer
}

test('the site can be installed: a manifest, icons and a favicon on every page', async ({
  request,
  page,
}) => {
  const manifest = await request.get('/manifest.webmanifest')
  expect(manifest.ok()).toBe(true)
  const body = (await manifest.json()) as {
    name: string
    display: string
    start_url: string
    icons: { src: string; sizes: string; purpose: string }[]
  }
  expect(body).toMatchObject({ name: 'Event Pros NZ', display: 'standalone', start_url: '/' })
  expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
  expect(body.icons.some((i) => i.purpose === 'maskable')).toBe(true)
  for (const icon of body.icons) {
    const file = await request.get(icon.src)
    expect(file.ok(), icon.src).toBe(true)
  }
  const favicon = await request.get('/favicon.ico')
  expect(favicon.ok()).toBe(true)
  expect(favicon.headers()['content-type']).toContain('image/')

  await page.goto('/vendors')
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    'href',
    '/manifest.webmanifest',
  )
  await expect(page.locator('link[rel="icon"]').first()).toBeAttached()
})

test('offline, pages already opened still show, others show the offline page, and a message written offline goes when the connection returns', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const organizer = await openThread(browser)
  const threadUrl = new URL(organizer.url()).pathname
  await organizer.goto('/my-jobs')
  await expect(organizer.getByRole('heading', { level: 1 })).toBeVisible()
  const myJobsHeading = await organizer.getByRole('heading', { level: 1 }).innerText()
  await organizer.goto(threadUrl)
  await expect(organizer.getByPlaceholder('Write a message')).toBeVisible()
  expect(await storedPages(organizer)).toEqual(expect.arrayContaining(['/my-jobs', threadUrl]))

  // The connection drops: a page opened before comes from the device…
  await organizer.context().setOffline(true)
  await organizer.goto('/my-jobs')
  await expect(organizer.getByRole('heading', { level: 1 })).toHaveText(myJobsHeading)
  // …one never opened here shows our offline page, not the browser's error.
  await organizer.goto('/terms')
  await expect(organizer.getByRole('heading', { name: "You're offline" })).toBeVisible()
  await shoot(organizer, '1-offline-page')

  // In the conversation, a message written offline waits on the device, even across a reload.
  await organizer.goto(threadUrl)
  const text = `Written on the train, no signal (${Date.now().toString(36)})`
  await organizer.getByPlaceholder('Write a message').fill(text)
  await organizer.getByRole('button', { name: 'Send' }).click()
  await expect(organizer.getByTestId('waiting-message')).toBeVisible()
  await organizer.reload()
  await expect(organizer.getByTestId('pending-message').filter({ hasText: text })).toBeVisible()
  await shoot(organizer, '2-message-waiting')

  // Back online: it is sent by itself, and the server has it.
  await organizer.context().setOffline(false)
  await organizer.evaluate(() => window.dispatchEvent(new Event('online')))
  await expect(organizer.getByTestId('message').filter({ hasText: text })).toBeVisible()
  await expect(organizer.getByTestId('pending-message')).toHaveCount(0)
  const threadId = threadUrl.split('/').pop()
  const sent = await organizer.evaluate(async (id) => {
    const response = await fetch(`/api/messages/threads/${id}/messages`, {
      credentials: 'include',
    })
    return ((await response.json()) as { data: { messages: { body: string }[] } }).data.messages
  }, threadId)
  expect(sent.filter((m) => m.body === text)).toHaveLength(1)

  // Logging out forgets the stored pages: the next person on this phone finds none.
  await organizer.goto('/my-jobs')
  await viaHeader(organizer, 'Log out', 'button')
  await expect(organizer).toHaveURL(/\/$/)
  await expect.poll(() => storedPages(organizer)).not.toContain('/my-jobs')
  await organizer.context().close()
})
