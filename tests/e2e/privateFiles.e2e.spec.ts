import fs from 'node:fs'
import path from 'node:path'

import { type APIRequestContext, expect, test } from '@playwright/test'

import { DEMO_PASSWORD } from './support'

/**
 * On the production build, with Next in front (its decoding of route segments and its image
 * optimizer): a private file is served on no path to anyone but the people it belongs to.
 */

const pdf = fs.readFileSync(path.resolve('tests/fixtures/document.pdf'))

const tokenOf = async (request: APIRequestContext, email: string) => {
  const login = await request.post('/api/users/login', { data: { email, password: DEMO_PASSWORD } })
  expect(login.status()).toBe(200)
  return (await login.json()).token as string
}

const upload = async (
  request: APIRequestContext,
  token: string,
  slug: string,
  data: Record<string, unknown>,
) => {
  const response = await request.post(`/api/${slug}`, {
    headers: { Authorization: `JWT ${token}` },
    multipart: {
      file: { name: 'insurance.pdf', mimeType: 'application/pdf', buffer: pdf },
      _payload: JSON.stringify(data),
    },
  })
  expect(response.status()).toBe(201)
  return (await response.json()).doc.filename as string
}

const variants = (slug: string, legacy: string, name: string) => [
  `/api/media/file/${legacy}%2F${name}`,
  `/api/media/file/${slug}%2F${name}`,
  `/api/media/file/.%2F${legacy}%2F${name}`,
  `/api/media/file/${legacy}%252F${name}`,
  `/api/media/file/%2e%2e%2F${name}`,
  `/api/media/file/${name}`,
  `/api/${slug}/file/${name}`,
  `/api/${slug}/file/.%2F${name}`,
  `/_next/image?url=/api/media/file/${legacy}%252F${name}&w=64&q=75`,
  `/_next/image?url=/api/media/file/${slug}%252F${name}&w=64&q=75`,
  `/_next/image?url=/api/${slug}/file/${name}&w=64&q=75`,
]

test('private files are served on no path but to the people they belong to', async ({
  playwright,
  baseURL,
}) => {
  const request = await playwright.request.newContext({ baseURL })
  const vendorToken = await tokenOf(request, 'vendor7@vendors.eventpros.test')
  const organizerToken = await tokenOf(request, 'organizer@eventpros.test')
  const otherToken = await tokenOf(request, 'vendor8@vendors.eventpros.test')

  const documentName = await upload(request, vendorToken, 'verification-documents', {
    type: 'insurance',
    expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString(),
  })
  expect(documentName).toMatch(/^[0-9a-f-]{36}\.pdf$/)
  const threads = await request.get('/api/messages/threads', {
    headers: { Authorization: `JWT ${organizerToken}` },
  })
  const threadId = (await threads.json()).data[0].id
  const attachmentName = await upload(request, organizerToken, 'message-attachments', {
    thread: threadId,
  })

  const files = [
    {
      slug: 'verification-documents',
      legacy: 'verification',
      name: documentName,
      owner: vendorToken,
    },
    {
      slug: 'message-attachments',
      legacy: 'attachments',
      name: attachmentName,
      owner: organizerToken,
    },
  ]
  for (const file of files) {
    for (const url of variants(file.slug, file.legacy, file.name)) {
      for (const token of [undefined, otherToken]) {
        const response = await request.get(url, {
          headers: token ? { Authorization: `JWT ${token}` } : {},
          maxRedirects: 0,
        })
        const body = await response.body()
        expect([url, response.status() < 500]).toEqual([url, true])
        expect([url, body.subarray(0, 4).toString()]).not.toEqual([url, '%PDF'])
      }
    }
    const own = await request.get(`/api/${file.slug}/file/${file.name}`, {
      headers: { Authorization: `JWT ${file.owner}` },
    })
    expect(own.status()).toBe(200)
    expect((await own.body()).subarray(0, 4).toString()).toBe('%PDF')
  }
  await request.dispose()
})

test('the issue’s malformed requests are 4xx on the production build', async ({ request }) => {
  for (const url of [
    '/api/vendors/abc',
    '/api/vendors/1.5',
    '/api/jobs/abc',
    '/api/categories/abc',
    '/api/reviews/abc',
    '/api/messages/threads/99999999999',
    '/api/messages/threads/%2e%2e/messages',
    '/api/media/file/no-such-file.webp',
    '/api/vendors?where[businessName][all]=x',
    '/api/vendors?where[rating.average][near]=abc',
    '/api/vendors?where[unavailableDates.from][within]=0x10',
    '/api/vendors?where[categories][like]=Infinity',
    '/api/jobs?where=abc',
  ]) {
    const response = await request.get(url)
    expect([url, response.status() >= 400 && response.status() < 500]).toEqual([url, true])
    expect([url, await response.text()]).not.toEqual([
      url,
      expect.stringMatching(/at .*\.(js|ts):\d+/),
    ])
  }
})
