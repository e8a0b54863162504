import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { createLocalReq, type Payload } from 'payload'

import { createCategory, createVendor, fixture } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { decodeSegment, restClient, type RestClient, routeHandlers } from '../helpers/rest'
import { type S3Server, startS3Server } from '../helpers/s3Server'
import { createUser } from '../helpers/users'

/*
 * Uploads in an S3 bucket (s3rver, the S3 protocol over a folder), through the real route
 * handlers, checked from the bucket's side with the AWS SDK: public media lands under
 * `public/`, is served with a year's caching and goes when deleted; private files land under
 * `private/`, with no ACL asked for, and reach only the people they belong to; and
 * `npm run media:migrate` copies files from the disk into the bucket once.
 */

type Account = Awaited<ReturnType<typeof createUser>>

let s3: S3Server
let ctx: TestContext
let payload: Payload
let rest: RestClient
let raw: ReturnType<typeof routeHandlers>
let vendor: Account
let otherVendor: Account
let organizer: Account
let profileId: number

const PUBLIC_CACHE = 'public, max-age=31536000, immutable'
const pdf = fs.readFileSync(path.resolve('tests/fixtures/document.pdf'))

const upload = (
  slug: string,
  who: Account,
  file: Uint8Array,
  type: string,
  name: string,
  data = {},
) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type }), name)
  form.append('_payload', JSON.stringify(data))
  return rest.post(`/api/${slug}`, { formData: form, token: who.token })
}

/** A file route's answer with its bytes intact (the REST helper reads bodies as text). */
const download = async (url: string, token?: string) => {
  const slug = url
    .replace(/^\/api\//, '')
    .split('/')
    .map(decodeSegment)
  const headers = new Headers(token ? { Authorization: `JWT ${token}` } : {})
  const response = await raw.GET(new Request(`http://localhost:3000${url}`, { headers }), {
    params: Promise.resolve({ slug }),
  })
  return { response, bytes: Buffer.from(await response.arrayBuffer()) }
}

const head = (key: string) =>
  s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key })).then(
    (object) => object,
    () => null,
  )

const objectBytes = async (key: string) => {
  const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))
  return Buffer.from(await object.Body!.transformToByteArray())
}

const keysUnder = async (prefix: string) =>
  (
    (await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix })))
      .Contents ?? []
  ).map((object) => object.Key!)

/**
 * The ACL the app asked for when it stored `key`: s3rver grants everything and keeps no ACLs,
 * so the request itself is what can be checked (no ACL asked for is a private object on S3).
 */
const aclAskedFor = (key: string) => {
  const put = s3.requests.find((request) => request.method === 'PUT' && request.url.includes(key))
  if (!put) throw new Error(`Nothing stored ${key}`)
  return Object.keys(put.headers).filter((name) => /^x-amz-(acl|grant-)/.test(name))
}

const filesOnDisk = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : []

beforeAll(async () => {
  s3 = await startS3Server()
  Object.assign(process.env, s3.env)
  ctx = await startPayload('s3_storage')
  payload = ctx.payload
  rest = restClient(ctx.config)
  raw = routeHandlers(ctx.config)
  const category = await createCategory(payload, 'Caterers')
  vendor = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  organizer = await createUser(payload, rest, 'organizer')
  profileId = (await createVendor(payload, vendor.user.id, category.id)).id
  await createVendor(payload, otherVendor.user.id, category.id)
})

afterAll(async () => {
  await ctx?.stop()
  await s3?.stop()
})

describe('public media in the bucket', () => {
  type StoredImage = { filename: string; mimeType: string }
  let doc: StoredImage & { id: number; url: string; sizes: Record<string, StoredImage> }

  beforeAll(async () => {
    const res = await upload('media', vendor, fixture('photo.png'), 'image/png', 'Our Stall.png', {
      alt: 'Our stall at the market',
    })
    expect(res.status).toBe(201)
    doc = res.body.doc
  })

  it('lands under public/ with every image size, and nothing on the disk', async () => {
    const files = [doc, ...Object.values(doc.sizes)]
    expect(files).toHaveLength(4)
    for (const { filename, mimeType } of files) {
      expect((await head(`public/media/${filename}`))?.ContentType).toBe(mimeType)
      expect(aclAskedFor(`public/media/${filename}`)).toEqual([])
    }
    expect(filesOnDisk(process.env.MEDIA_DIR!)).toEqual([])
  })

  it('keeps the address a file on disk has, and serves the bytes with a year of caching', async () => {
    expect(doc.url).toBe(`http://localhost:3000/api/media/file/${doc.filename}`)
    const { response, bytes } = await download(new URL(doc.url).pathname)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/webp')
    expect(response.headers.get('cache-control')).toBe(PUBLIC_CACHE)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(bytes.equals(await objectBytes(`public/media/${doc.filename}`))).toBe(true)
  })

  it('answers 404 in the API error shape for a name with no object', async () => {
    const response = await rest.get('/api/media/file/no-such-photo-0badf00d.webp')
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('NOT_FOUND')
  })

  it('is stored where the system says, whatever prefix an upload asks for', async () => {
    const res = await upload('media', vendor, fixture('photo.png'), 'image/png', 'elsewhere.png', {
      prefix: 'elsewhere',
      _objectKey: 'x',
    })
    expect(res.status).toBe(201)
    const stored = (await payload.findByID({ collection: 'media', id: res.body.doc.id })) as {
      filename: string
      prefix?: string | null
      _objectKey?: string | null
    }
    expect([stored.prefix, stored._objectKey ?? null]).toEqual(['public/media', null])
    expect(await head(`public/media/${stored.filename}`)).not.toBeNull()
  })

  it('is removed from the bucket, every size, when deleted', async () => {
    const res = await rest.delete(`/api/media/${doc.id}`, { token: vendor.token })
    expect(res.status).toBe(200)
    const left = await keysUnder('public/media/')
    expect(left.filter((key) => key.includes(path.parse(doc.filename).name))).toEqual([])
  })
})

describe.each([
  {
    kind: 'verification document',
    slug: 'verification-documents',
    store: async () =>
      upload('verification-documents', vendor, pdf, 'application/pdf', 'insurance.pdf', {
        type: 'insurance',
        expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString(),
      }),
    owner: () => vendor,
    strangers: () => [
      ['anonymous', undefined],
      ['another vendor', otherVendor.token],
      ['an organizer', organizer.token],
    ],
  },
  {
    kind: 'message attachment',
    slug: 'message-attachments',
    store: async () => {
      const thread = await rest.post('/api/messages/threads', {
        token: organizer.token,
        body: { vendor: profileId, body: 'Our floor plan is attached.' },
      })
      expect(thread.status).toBe(201)
      return upload('message-attachments', organizer, pdf, 'application/pdf', 'plan.pdf', {
        thread: thread.body.data.thread.id,
      })
    },
    owner: () => organizer,
    strangers: () => [
      ['anonymous', undefined],
      ['another vendor', otherVendor.token],
    ],
  },
])('a private $kind in the bucket', ({ slug, store, owner, strangers }) => {
  let filename: string
  let key: string

  beforeAll(async () => {
    const res = await store()
    expect(res.status).toBe(201)
    filename = res.body.doc.filename
    key = `private/${slug}/${filename}`
  })

  it('lands under private/, asked for no ACL, and not on the disk', async () => {
    expect((await head(key))?.ContentType).toBe('application/pdf')
    expect(aclAskedFor(key)).toEqual([])
    expect(
      filesOnDisk(process.env.PRIVATE_FILES_DIR!).filter((name) => name.includes(filename)),
    ).toEqual([])
  })

  it('is refused to anyone it does not belong to', async () => {
    for (const [who, token] of strangers() as [string, string | undefined][]) {
      const { response, bytes } = await download(`/api/${slug}/file/${filename}`, token)
      expect([who, [401, 403, 404].includes(response.status)]).toEqual([who, true])
      expect([who, bytes.subarray(0, 4).toString()]).not.toEqual([who, '%PDF'])
    }
  })

  it('is streamed from the bucket to its owner, never to be cached', async () => {
    const { response, bytes } = await download(`/api/${slug}/file/${filename}`, owner().token)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(bytes.equals(pdf)).toBe(true)
  })

  it('is not reached through the public media route', async () => {
    const { response } = await download(`/api/media/file/${filename}`)
    expect(response.status).toBe(404)
  })
})

describe('data export ZIPs in the bucket', () => {
  const downloadExport = (id: number, token: string) =>
    raw.GET(
      new Request(`http://localhost:3000/api/data-exports/${id}/download`, {
        headers: { Authorization: `JWT ${token}` },
      }),
      { params: Promise.resolve({ slug: ['data-exports', String(id), 'download'] }) },
    )
  let exportId: number
  let key: string

  beforeAll(async () => {
    const asked = await rest.post('/api/users/me/export', { token: organizer.token })
    expect(asked.status).toBe(202)
    exportId = asked.body.data.id
    for (let round = 0; round < 5; round += 1) {
      const { noJobsRemaining } = await payload.jobs.run({ queue: 'marketplace', limit: 100 })
      if (noJobsRemaining) break
    }
    // The test reads where the ZIP is stored, a field only the system may read.
    const row = await payload.findByID({
      collection: 'data-exports',
      id: exportId,
      overrideAccess: true,
    })
    expect(row.status).toBe('ready')
    key = `private/data-exports/${row.storedAs}`
  })

  it('is written to the bucket under private/, asked for no ACL, and not to the disk', async () => {
    expect(await keysUnder('private/data-exports/')).toEqual([key])
    expect(aclAskedFor(key)).toEqual([])
    expect(filesOnDisk(path.join(process.env.PRIVATE_FILES_DIR!, 'data-exports'))).toEqual([])
  })

  it('is streamed from the bucket to its owner only', async () => {
    const mine = await downloadExport(exportId, organizer.token)
    expect(mine.status).toBe(200)
    const bytes = Buffer.from(await mine.arrayBuffer())
    expect(bytes.equals(await objectBytes(key))).toBe(true)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    expect((await downloadExport(exportId, vendor.token)).status).toBe(404)
  })

  it('is deleted from the bucket when its days are up', async () => {
    // Seven days passing, as only the system could write it.
    await payload.update({
      collection: 'data-exports',
      id: exportId,
      data: { expiresAt: new Date(Date.now() - 1000).toISOString() },
      overrideAccess: true,
    })
    const { deleteExpiredExports } = await import('@/lib/privacy/export/cleanup')
    const result = await deleteExpiredExports(await createLocalReq({}, payload))
    expect(result.expired).toBe(1)
    expect(await keysUnder('private/data-exports/')).toEqual([])
    expect((await downloadExport(exportId, organizer.token)).status).toBe(410)
  })
})

describe('npm run media:migrate', () => {
  const run = () =>
    promisify(execFile)(process.execPath, ['scripts/run.mjs', 'scripts/mediaMigrate.ts'], {
      env: { ...process.env, NODE_OPTIONS: '--no-deprecation' },
      timeout: 120_000,
    })

  it('copies the files on disk into the bucket under the keys the app reads, once', async () => {
    const photo = 'before-the-bucket-1a2b3c4d.png'
    const document = '0f8e2b1c-5d3a-4e7f-9a6b-2c1d0e9f8a7b.pdf'
    fs.mkdirSync(process.env.MEDIA_DIR!, { recursive: true })
    fs.writeFileSync(path.join(process.env.MEDIA_DIR!, photo), fixture('photo.png'))
    const privateFolder = path.join(process.env.PRIVATE_FILES_DIR!, 'verification-documents')
    fs.mkdirSync(privateFolder, { recursive: true })
    fs.writeFileSync(path.join(privateFolder, document), pdf)

    const first = await run()
    expect(first.stdout).toMatch(/^media: 1 copied, 0 already in the bucket$/m)
    expect(first.stdout).toMatch(/^verification-documents: 1 copied, 0 already in the bucket$/m)
    expect((await head(`public/media/${photo}`))?.ContentType).toBe('image/png')
    expect((await head(`private/verification-documents/${document}`))?.ContentLength).toBe(
      pdf.length,
    )
    const { response, bytes } = await download(`/api/media/file/${photo}`)
    expect(response.status).toBe(200)
    expect(bytes.equals(Buffer.from(fixture('photo.png')))).toBe(true)

    const second = await run()
    expect(second.stdout).toMatch(/^0 files copied, 2 already there/m)
  })
})
