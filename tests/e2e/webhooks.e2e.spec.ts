import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, test } from '@playwright/test'
import { Webhook } from 'standardwebhooks'

import { logInOnSite, screenshotter } from './support'

const shot = screenshotter('webhooks-')

/** A receiver on 127.0.0.1 that refuses the first attempt of each event and takes the rest. */
const startReceiver = async () => {
  const hits: { headers: Record<string, string>; body: string; status: number }[] = []
  const seen = new Set<string>()
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const id = String(request.headers['webhook-id'])
      const status = seen.has(id) ? 204 : 503
      seen.add(id)
      hits.push({
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      })
      response.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { hits, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` }
}

test('a vendor registers an endpoint in the admin, gets its secret once, sees an event retried and sends it again', async ({
  page,
  baseURL,
}) => {
  const receiver = await startReceiver()
  try {
    await page.setViewportSize({ width: 1280, height: 900 })
    await logInOnSite(page, 'vendor@eventpros.test', '/admin/collections/webhook-endpoints/create')
    await expect(page).toHaveURL(/webhook-endpoints\/create/)
    await page.getByLabel('Url').fill(receiver.url)
    await page.getByRole('combobox', { name: 'Events' }).click()
    await page.getByRole('option', { name: 'vendor.updated' }).click()
    await page.getByLabel('Description').fill('Our booking spreadsheet')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page).toHaveURL(/webhook-endpoints\/\d+/)

    await page.getByRole('button', { name: 'Show a new secret' }).click()
    const secretBox = page.getByLabel('New signing secret')
    await expect(secretBox).toHaveText(/^whsec_/)
    const secret = (await secretBox.textContent())!
    await expect(page.getByText(/Copy it now: it is not shown again/)).toBeVisible()
    await shot(page, 'endpoint')

    // Something happens to the vendor's profile: the event goes out, and fails the first time.
    const origin = { Origin: baseURL! }
    const me = await (await page.request.get('/api/users/me', { headers: origin })).json()
    const mine = await (
      await page.request.get(`/api/vendors?where[owner][equals]=${me.user.id}&depth=0`, {
        headers: origin,
      })
    ).json()
    const changed = await page.request.patch(`/api/vendors/${mine.docs[0].id}`, {
      headers: origin,
      data: { tagline: 'Natural wedding photography, Wellington and beyond' },
    })
    expect(changed.status()).toBe(200)
    await expect.poll(() => receiver.hits.length, { timeout: 30_000 }).toBeGreaterThan(0)
    expect(receiver.hits[0]!.status).toBe(503)

    // Retried on its own a few seconds later, and taken.
    const taken = () => receiver.hits.filter((hit) => hit.status === 204)
    await expect.poll(() => taken().length, { timeout: 45_000 }).toBe(1)
    expect(taken()[0]!.headers['webhook-id']).toBe(receiver.hits[0]!.headers['webhook-id'])
    expect(new Webhook(secret).verify(taken()[0]!.body, taken()[0]!.headers)).toMatchObject({
      type: 'vendor.updated',
    })

    // The log shows it, and the vendor sends it again from there.
    await page.goto('/admin/collections/webhook-deliveries')
    await page.getByRole('link', { name: 'vendor.updated' }).first().click()
    await expect(page.getByText('Delivered', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Send again' }).click()
    await expect(page.getByText(/Queued: it is sent within seconds/)).toBeVisible()
    await expect.poll(() => taken().length, { timeout: 45_000 }).toBe(2)
    expect(taken()[1]!.headers['webhook-id']).toBe(taken()[0]!.headers['webhook-id'])
    await page.reload()
    await expect(page.getByText('Delivered', { exact: true })).toBeVisible()
    await shot(page, 'delivery')
  } finally {
    receiver.server.closeAllConnections()
    receiver.server.close()
  }
})
