import fs from 'node:fs'
import path from 'node:path'

import { expect, test } from '@playwright/test'

import { DEMO_PASSWORD } from './support'

/** Security headers on the production build: pages, the admin, the API and uploaded files. */

const EVERYWHERE = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
}

test('every page, the admin and the API carry the security headers', async ({ request }) => {
  const vendors = await (await request.get('/api/vendors?limit=1&depth=0')).json()
  const vendorPage = `/vendors/${vendors.docs[0].slug}`
  for (const url of ['/', '/vendors', vendorPage, '/login', '/admin/login', '/api/vendors']) {
    const response = await request.get(url)
    expect([url, response.status()]).toEqual([url, 200])
    const headers = response.headers()
    for (const [name, value] of Object.entries(EVERYWHERE)) {
      expect([url, name, headers[name]]).toEqual([url, name, value])
    }
    expect([url, headers['content-security-policy']]).toEqual([
      url,
      expect.stringContaining("frame-ancestors 'none'"),
    ])
    expect([url, headers['permissions-policy']]).toEqual([
      url,
      expect.stringContaining('camera=()'),
    ])
    // Only Payload's admin asks for the colour-scheme hint; public pages skip the round trip.
    const hinted = url.startsWith('/admin')
    expect([url, 'critical-ch' in headers]).toEqual([url, hinted])
  }
})

test('uploaded files are served as data: no sniffing, sandboxed, and PDFs downloaded', async ({
  request,
}) => {
  const login = await request.post('/api/users/login', {
    data: { email: 'vendor9@vendors.eventpros.test', password: DEMO_PASSWORD },
  })
  const auth = { Authorization: `JWT ${(await login.json()).token}` }
  const uploads = [
    { file: 'photo.png', mimeType: 'image/png', image: true },
    { file: 'document.pdf', mimeType: 'application/pdf', image: false },
  ]
  for (const { file, mimeType, image } of uploads) {
    const created = await request.post('/api/media', {
      headers: auth,
      multipart: {
        file: {
          name: file,
          mimeType,
          buffer: fs.readFileSync(path.resolve('tests/fixtures', file)),
        },
        _payload: JSON.stringify({ alt: 'A header check' }),
      },
    })
    expect(created.status()).toBe(201)
    const url = new URL((await created.json()).doc.url).pathname
    const served = await request.get(url)
    expect(served.status()).toBe(200)
    const headers = served.headers()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['content-security-policy']).toContain('sandbox')
    expect([file, headers['content-disposition']]).toEqual([file, image ? undefined : 'attachment'])
  }
})
