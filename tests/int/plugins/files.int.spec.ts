import fs from 'node:fs'
import path from 'node:path'

import { startPayload, type TestContext } from '../../helpers/payload'
import { restClient, type RestClient } from '../../helpers/rest'

/*
 * The files plugin under a config of its own: a private upload is stored outside the public
 * folder under a generated name, is refused to an anonymous caller, and cannot be reached
 * through the public collection's file route by an encoded path; a missing file is a 404.
 */

let ctx: TestContext
let rest: RestClient
let stored: string

const pdf = fs.readFileSync(path.resolve('tests/fixtures/document.pdf'))
const GENERATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$/

const uploadDocument = (name: string) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name)
  return rest.post('/api/documents', { formData: form })
}

const uploadMedia = (name: string) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name)
  return rest.post('/api/media', { formData: form })
}

const servesThePdf = (response: { status: number; body: unknown }) =>
  response.status === 200 && typeof response.body === 'string' && response.body.startsWith('%PDF')

beforeAll(async () => {
  ctx = await startPayload('files-plugin', () => import('./files/config'))
  rest = restClient(ctx.config, { rateLimited: false })
  const uploaded = await uploadDocument('passport.pdf')
  expect(uploaded.status).toBe(201)
  stored = uploaded.body.doc.filename
})

afterAll(async () => {
  await ctx?.stop()
})

describe('files plugin', () => {
  it('stores a private upload under a generated name, in the private root', () => {
    expect(stored).toMatch(GENERATED)
    expect(fs.existsSync(path.join(process.env.PRIVATE_FILES_DIR!, 'documents', stored))).toBe(true)
  })

  it('refuses the private file to an anonymous GET and serves it as a download when signed in', async () => {
    expect((await rest.get(`/api/documents/file/${stored}`)).status).toBe(403)
    const account = { email: 'reader@example.test', password: 'Reader-password-1!' }
    await rest.post('/api/users', { body: account })
    const { token } = (await rest.post('/api/users/login', { body: account })).body
    const response = await rest.get(`/api/documents/file/${stored}`, { token })
    expect(servesThePdf(response)).toBe(true)
    expect(response.headers.get('content-disposition')).toBe('attachment')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it.each([
    (name: string) => `..%2Fprivate-files%2Fdocuments%2F${name}`,
    (name: string) => `%2e%2e%2Fprivate-files%2Fdocuments%2F${name}`,
    (name: string) => `..%252Fprivate-files%252Fdocuments%252F${name}`,
  ])('answers 404 for an encoded-slash path out of the public folder (%#)', async (encode) => {
    const response = await rest.get(`/api/media/file/${encode(stored)}`)
    expect(response.status).toBe(404)
    expect(servesThePdf(response)).toBe(false)
  })

  it('names every public upload apart, and lets it be cached for a year as immutable', async () => {
    const first = await uploadMedia('Our Wedding (1).PDF')
    const second = await uploadMedia('Our Wedding (1).PDF')
    expect(first.status).toBe(201)
    const names = [first.body.doc.filename, second.body.doc.filename] as string[]
    for (const name of names) expect(name).toMatch(/^our-wedding-1-[0-9a-f]{8}\.pdf$/)
    expect(names[0]).not.toBe(names[1])
    const response = await rest.get(`/api/media/file/${names[0]}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('never lets a private file be stored by a cache', async () => {
    const account = { email: 'cache-reader@example.test', password: 'Reader-password-1!' }
    await rest.post('/api/users', { body: account })
    const { token } = (await rest.post('/api/users/login', { body: account })).body
    const response = await rest.get(`/api/documents/file/${stored}`, { token })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
  })

  it('answers 404, not 500, for a public file that is not there', async () => {
    const response = await rest.get('/api/media/file/no-such-photo.webp')
    expect(response.status).toBe(404)
  })
})
