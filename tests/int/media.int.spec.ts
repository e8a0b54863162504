import type { Payload } from 'payload'

import { createCategory, createVendor, fixture } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient

const upload = (
  bytes: Uint8Array<ArrayBuffer>,
  filename: string,
  type: string,
  token?: string,
  alt = 'A photo',
) => {
  const formData = new FormData()
  formData.append('file', new Blob([bytes], { type }), filename)
  formData.append('_payload', JSON.stringify({ alt }))
  return rest.post('/api/media', { formData, token })
}

const mediaCount = async () => (await payload.count({ collection: 'media' })).totalDocs

beforeAll(async () => {
  ctx = await startPayload('media')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

describe('uploads', () => {
  it('stores a vendor photo with its image sizes and records who uploaded it', async () => {
    const vendor = await createUser(payload, rest, 'vendor')
    const res = await upload(fixture('photo.png'), 'wedding.png', 'image/png', vendor.token)
    expect(res.status).toBe(201)
    expect(res.body.doc.owner.id).toBe(vendor.user.id)
    expect(res.body.doc.sizes.thumbnail.width).toBe(320)
    expect(res.body.doc.sizes.card.width).toBe(768)
    const file = await rest.get(new URL(res.body.doc.sizes.thumbnail.url).pathname)
    expect(file.status).toBe(200)
  })

  it('accepts a PDF', async () => {
    const vendor = await createUser(payload, rest, 'vendor')
    const res = await upload(fixture('document.pdf'), 'menu.pdf', 'application/pdf', vendor.token)
    expect(res.status).toBe(201)
    expect(res.body.doc.mimeType).toBe('application/pdf')
  })

  it('refuses anonymous uploads', async () => {
    const before = await mediaCount()
    const res = await upload(fixture('photo.png'), 'anon.png', 'image/png')
    expect(res.status).toBe(403)
    expect(await mediaCount()).toBe(before)
  })

  it('refuses a file disguised as an image by its name and type, storing nothing', async () => {
    const vendor = await createUser(payload, rest, 'vendor')
    const before = await mediaCount()
    const script = new TextEncoder().encode('<html><script>alert(1)</script></html>')
    const res = await upload(script, 'innocent.png', 'image/png', vendor.token)
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/)
    expect(await mediaCount()).toBe(before)
  })

  it('refuses types outside images and PDFs', async () => {
    const vendor = await createUser(payload, rest, 'vendor')
    const res = await upload(
      new TextEncoder().encode('a,b\n1,2\n'),
      'prices.csv',
      'text/csv',
      vendor.token,
    )
    expect(res.status).toBe(400)
  })

  it('refuses a file over the 10 MB cap with a clear message', async () => {
    const vendor = await createUser(payload, rest, 'vendor')
    const before = await mediaCount()
    const big = new Uint8Array(11 * 1024 * 1024)
    big.set(fixture('photo.png'))
    const res = await upload(big, 'huge.png', 'image/png', vendor.token)
    expect([400, 413]).toContain(res.status)
    expect(JSON.stringify(res.body)).toMatch(/too large|limit|size/i)
    expect(await mediaCount()).toBe(before)
  })
})

describe('ownership', () => {
  it("lets a vendor change and delete their own media, never another vendor's", async () => {
    const owner = await createUser(payload, rest, 'vendor')
    const other = await createUser(payload, rest, 'vendor')
    const { body } = await upload(fixture('photo.png'), 'mine.png', 'image/png', owner.token)
    const id = body.doc.id

    expect([403, 404]).toContain(
      (await rest.patch(`/api/media/${id}`, { token: other.token, body: { alt: 'Mine now' } }))
        .status,
    )
    expect([403, 404]).toContain(
      (await rest.delete(`/api/media/${id}`, { token: other.token })).status,
    )
    expect(
      (
        await rest.patch(`/api/media/${id}`, {
          token: owner.token,
          body: { alt: 'Our best table' },
        })
      ).status,
    ).toBe(200)
    expect((await rest.delete(`/api/media/${id}`, { token: owner.token })).status).toBe(200)
  })

  it("refuses a portfolio that uses another vendor's photos", async () => {
    const category = await createCategory(payload, 'Photographers')
    const thief = await createUser(payload, rest, 'vendor')
    const victim = await createUser(payload, rest, 'vendor')
    const profile = await createVendor(payload, thief.user.id, category.id)
    const theirs = await upload(fixture('photo.png'), 'theirs.png', 'image/png', victim.token)
    const mine = await upload(fixture('photo.png'), 'mine.png', 'image/png', thief.token)

    const stolen = await rest.patch(`/api/vendors/${profile.id}`, {
      token: thief.token,
      body: { portfolio: [theirs.body.doc.id] },
    })
    expect(stolen.status).toBe(400)
    const own = await rest.patch(`/api/vendors/${profile.id}`, {
      token: thief.token,
      body: { portfolio: [mine.body.doc.id] },
    })
    expect(own.status).toBe(200)
  })
})
