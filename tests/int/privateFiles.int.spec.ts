import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { getEnv } from '@/lib/kit/env'

import { relocateLegacyPrivateFiles } from '../../src/lib/files/legacyPrivateFiles'
import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

/**
 * Verification documents and message attachments are private on every path that can serve a
 * file: their own routes, the public media route under every encoding an attacker tries, and
 * the disk (a folder no public route serves, under names nobody can guess).
 */

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let vendor: Account
let organizer: Account
let otherVendor: Account
let otherOrganizer: Account
let admin: Account
let moderator: Account

const pdf = fs.readFileSync(path.resolve('tests/fixtures/document.pdf'))
const GENERATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$/

type PrivateFile = { slug: string; filename: string; readers: () => Account[] }
const files: Record<'document' | 'attachment', PrivateFile> = {
  document: {
    slug: 'verification-documents',
    filename: '',
    readers: () => [vendor, admin, moderator],
  },
  // Moderators read flagged messages only, not every file sent.
  attachment: {
    slug: 'message-attachments',
    filename: '',
    readers: () => [organizer, vendor, admin],
  },
}

const upload = (
  slug: string,
  who: Account,
  name: string,
  data: object,
  bytes: Uint8Array = pdf,
) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name)
  form.append('_payload', JSON.stringify(data))
  return rest.post(`/api/${slug}`, { formData: form, token: who.token })
}

const servesTheFile = (response: { status: number; body: unknown }) =>
  response.status === 200 && typeof response.body === 'string' && response.body.startsWith('%PDF')

/** Every way of naming a private file that once reached it, or might. */
const attackPaths = (file: PrivateFile) => {
  const legacyFolder = file.slug === 'verification-documents' ? 'verification' : 'attachments'
  const names = [
    `${legacyFolder}%2F${file.filename}`,
    `${file.slug}%2F${file.filename}`,
    `.%2F${legacyFolder}%2F${file.filename}`,
    `${legacyFolder}%252F${file.filename}`,
    `${legacyFolder}%25252F${file.filename}`,
    `%2e%2e%2F${file.slug}%2F${file.filename}`,
    `..%2F..%2Fprivate-files%2F${file.slug}%2F${file.filename}`,
    `%252e%252e%252F${file.slug}%252F${file.filename}`,
    `${legacyFolder}%5C${file.filename}`,
    file.filename,
  ]
  return [
    ...names.map((name) => `/api/media/file/${name}`),
    ...names.map((name) => `/api/media/file/${name}?prefix=..%2F${file.slug}`),
    `/api/${file.slug}/file/${file.filename}`,
    `/api/${file.slug}/file/.%2F${file.filename}`,
    `/api/${file.slug}/file/${file.filename}?prefix=x`,
  ]
}

beforeAll(async () => {
  ctx = await startPayload('private_files')
  payload = ctx.payload
  rest = restClient(ctx.config)
  const category = await createCategory(payload, 'Photographers')
  vendor = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  admin = await createUser(payload, rest, 'admin')
  moderator = await createUser(payload, rest, 'moderator')
  const profile = await createVendor(payload, vendor.user.id, category.id)
  await createVendor(payload, otherVendor.user.id, category.id)

  const document = await upload('verification-documents', vendor, 'insurance.pdf', {
    type: 'insurance',
    expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString(),
  })
  expect(document.status).toBe(201)
  files.document.filename = document.body.doc.filename

  const thread = await rest.post('/api/messages/threads', {
    token: organizer.token,
    body: { vendor: profile.id, body: 'Our venue plan is attached.' },
  })
  expect(thread.status).toBe(201)
  const attachment = await upload('message-attachments', organizer, 'passport.pdf', {
    thread: thread.body.data.thread.id,
  })
  expect(attachment.status).toBe(201)
  files.attachment.filename = attachment.body.doc.filename
})

afterAll(async () => {
  await ctx?.stop()
})

describe.each(Object.entries(files))('a private %s', (_kind, file) => {
  it('is stored under a generated name, outside the public media folder', () => {
    expect(file.filename).toMatch(GENERATED)
    const env = getEnv()
    expect(fs.existsSync(path.resolve(env.PRIVATE_FILES_DIR, file.slug, file.filename))).toBe(true)
    const inMedia = fs.existsSync(env.MEDIA_DIR)
      ? fs.readdirSync(env.MEDIA_DIR, { recursive: true }).map(String)
      : []
    expect(inMedia.filter((name) => name.includes(file.filename))).toEqual([])
  })

  it.each(['anonymous', 'another organizer', 'another vendor'])(
    'is served to %s on no path, however it is encoded',
    async (who) => {
      const token = {
        anonymous: undefined,
        'another organizer': otherOrganizer.token,
        'another vendor': otherVendor.token,
      }[who]
      for (const url of attackPaths(file)) {
        const response = await rest.get(url, { token })
        expect([url, response.status < 500, servesTheFile(response)]).toEqual([url, true, false])
        expect([url, [401, 403, 404]]).toEqual([url, expect.arrayContaining([response.status])])
      }
    },
  )

  it('is served to its owners and the staff who may read it, by its own route', async () => {
    for (const who of file.readers()) {
      const response = await rest.get(`/api/${file.slug}/file/${file.filename}`, {
        token: who.token,
      })
      expect([who.email, servesTheFile(response)]).toEqual([who.email, true])
    }
  })
})

describe('file routes', () => {
  it('answer 404, not 500, for a public file that does not exist', async () => {
    const response = await rest.get('/api/media/file/no-such-photo.webp')
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('NOT_FOUND')
  })

  it('store nothing private whose bytes are not what its name says', async () => {
    const before = (await payload.count({ collection: 'verification-documents' })).totalDocs
    const script = new TextEncoder().encode('<html><script>alert(1)</script></html>')
    const response = await upload(
      'verification-documents',
      vendor,
      'insurance.pdf',
      { type: 'insurance', expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString() },
      script,
    )
    expect(response.status).toBe(400)
    expect((await payload.count({ collection: 'verification-documents' })).totalDocs).toBe(before)
  })
})

describe('files kept in media/ before private storage', () => {
  it('move to the private root under generated names, and orphans move too', async () => {
    const env = getEnv()
    const legacy = path.resolve(env.MEDIA_DIR, 'verification')
    fs.mkdirSync(legacy, { recursive: true })
    fs.writeFileSync(path.join(legacy, 'nzbn.pdf'), pdf)
    fs.writeFileSync(path.join(legacy, 'left-behind.pdf'), pdf)
    const doc = await payload.create({
      collection: 'verification-documents',
      // `status` is left to the collection's default (`pending`); the generated type requires it.
      data: { type: 'nzbn', nzbn: '9429041234563' } as never,
      file: { data: pdf, mimetype: 'application/pdf', name: 'placeholder.pdf', size: pdf.length },
      user: { ...vendor.user, collection: 'users' },
      overrideAccess: false,
    })
    const db = (payload.db as unknown as PostgresAdapter).drizzle
    await db.execute(
      sql`update verification_documents set filename = 'nzbn.pdf' where id = ${doc.id}`,
    )

    const result = await relocateLegacyPrivateFiles(db, {
      mediaDir: env.MEDIA_DIR,
      privateDir: env.PRIVATE_FILES_DIR,
    })
    expect(result).toEqual({ moved: 1, orphaned: 1 })
    expect(fs.existsSync(legacy)).toBe(false)
    const moved = await payload.findByID({ collection: 'verification-documents', id: doc.id })
    expect(moved.filename).toMatch(GENERATED)
    const fileUrl = new URL(moved.url!).pathname
    expect(fileUrl).toBe(`/api/verification-documents/file/${moved.filename}`)
    const served = await rest.get(fileUrl, { token: vendor.token })
    expect(servesTheFile(served)).toBe(true)
    expect(
      fs.existsSync(
        path.resolve(env.PRIVATE_FILES_DIR, 'orphaned-verification', 'left-behind.pdf'),
      ),
    ).toBe(true)
    expect(
      await relocateLegacyPrivateFiles(db, {
        mediaDir: env.MEDIA_DIR,
        privateDir: env.PRIVATE_FILES_DIR,
      }),
    ).toEqual({ moved: 0, orphaned: 0 })
  })
})
