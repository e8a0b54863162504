import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import type { AuditLog } from '../../src/payload-types'
import { inDays } from '../helpers/dates'
import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient
let admin: Awaited<ReturnType<typeof createUser>>
let moderator: Awaited<ReturnType<typeof createUser>>
let organizer: Awaited<ReturnType<typeof createUser>>
let categoryId: number

const entriesFor = async (collection: string, id: number | string, action?: string) =>
  (
    await payload.find({
      collection: 'audit-log',
      where: {
        targetCollection: { equals: collection },
        targetId: { equals: String(id) },
        ...(action ? { action: { equals: action } } : {}),
      },
      sort: 'createdAt',
      limit: 100,
    })
  ).docs as AuditLog[]

const changesOf = (entry: AuditLog | undefined) =>
  (entry?.details as { changes?: Record<string, { from: unknown; to: unknown }> } | undefined)
    ?.changes ?? {}

const postJob = async (title: string) => {
  const res = await rest.post('/api/jobs', {
    token: organizer.token,
    body: {
      title,
      description: 'Looking for a relaxed photographer for a 60-guest party in Napier.',
      eventType: 'party',
      eventDate: inDays(60),
      guestCount: 60,
      budgetMin: 500,
      budgetMax: 1500,
      location: { city: 'Napier', address: '12 Marine Parade' },
      categories: [categoryId],
      applicationDeadline: inDays(30),
    },
  })
  expect(res.status).toBe(201)
  return res.body.doc as { id: number; title: string }
}

beforeAll(async () => {
  ctx = await startPayload('staff_audit')
  payload = ctx.payload
  rest = restClient(ctx.config)
  admin = await createUser(payload, rest, 'admin')
  moderator = await createUser(payload, rest, 'moderator')
  organizer = await createUser(payload, rest, 'organizer')
  categoryId = (await createCategory(payload, 'Photographers')).id
})

afterAll(async () => {
  await ctx?.stop()
})

describe('staff changes', () => {
  it('records a staff update and delete of a vendor, before → after', async () => {
    const owner = await createUser(payload, rest, 'vendor')
    const vendor = await createVendor(payload, owner.user.id, categoryId, {
      businessName: 'Tūī Photography',
      tagline: 'Relaxed wedding photos',
    })
    const update = await rest.patch(`/api/vendors/${vendor.id}`, {
      token: moderator.token,
      body: { tagline: 'Weddings and parties', location: { ...vendor.location, city: 'Hastings' } },
    })
    expect(update.status).toBe(200)
    const [updated, ...others] = await entriesFor('vendors', vendor.id, 'staff.update')
    expect(others).toHaveLength(0)
    expect(updated).toMatchObject({ actorId: moderator.user.id, actorRole: 'moderator' })
    expect(updated!.summary).toContain('Tūī Photography')
    expect(changesOf(updated)).toEqual({
      tagline: { from: 'Relaxed wedding photos', to: 'Weddings and parties' },
      'location.city': { from: 'Napier', to: 'Hastings' },
    })

    expect((await rest.delete(`/api/vendors/${vendor.id}`, { token: admin.token })).status).toBe(
      200,
    )
    const [deleted] = await entriesFor('vendors', vendor.id, 'staff.delete')
    expect(deleted).toMatchObject({ actorId: admin.user.id, actorRole: 'admin' })
    expect(changesOf(deleted).businessName).toEqual({ from: 'Tūī Photography', to: null })
  })

  it('records a staff update and delete of a job', async () => {
    const job = await postJob('Photographer for a 40th in Napier')
    const update = await rest.patch(`/api/jobs/${job.id}`, {
      token: moderator.token,
      body: { title: 'Photographer for a 40th birthday in Napier' },
    })
    expect(update.status).toBe(200)
    const [updated] = await entriesFor('jobs', job.id, 'staff.update')
    expect(changesOf(updated).title).toEqual({
      from: 'Photographer for a 40th in Napier',
      to: 'Photographer for a 40th birthday in Napier',
    })
    expect((await rest.delete(`/api/jobs/${job.id}`, { token: admin.token })).status).toBe(200)
    const [deleted] = await entriesFor('jobs', job.id, 'staff.delete')
    expect(deleted?.actorId).toBe(admin.user.id)
    expect(changesOf(deleted).title).toEqual({
      from: 'Photographer for a 40th birthday in Napier',
      to: null,
    })
  })

  it('records a staff create, update over GraphQL and delete of a category', async () => {
    const created = await rest.post('/api/categories', {
      token: admin.token,
      body: { name: 'Celebrants', slug: 'celebrants' },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id as number
    const [createEntry] = await entriesFor('categories', id, 'staff.create')
    expect(changesOf(createEntry).name).toEqual({ from: null, to: 'Celebrants' })

    const graphql = await rest.graphql(
      'mutation ($id: Int!) { updateCategory(id: $id, data: { name: "Wedding celebrants" }) { name } }',
      { id },
      { token: moderator.token },
    )
    expect(graphql.body.data?.updateCategory?.name).toBe('Wedding celebrants')
    const [updated] = await entriesFor('categories', id, 'staff.update')
    expect(updated?.actorId).toBe(moderator.user.id)
    expect(changesOf(updated).name).toEqual({ from: 'Celebrants', to: 'Wedding celebrants' })

    expect((await rest.delete(`/api/categories/${id}`, { token: admin.token })).status).toBe(200)
    const [deleted] = await entriesFor('categories', id, 'staff.delete')
    expect(changesOf(deleted).name).toEqual({ from: 'Wedding celebrants', to: null })
  })

  it('names a changed password or API key but never shows it', async () => {
    const person = await createUser(payload, rest, 'organizer')
    const password = 'Brand-New-Password-2026!'
    const apiKey = `staff-audit-key-${person.user.id}-${Date.now()}`
    const res = await rest.patch(`/api/users/${person.user.id}`, {
      token: admin.token,
      body: { password, firstName: 'Aroha', enableAPIKey: true, apiKey },
    })
    expect(res.status).toBe(200)
    const [entry] = await entriesFor('users', person.user.id, 'staff.update')
    const changes = changesOf(entry)
    expect(changes.password).toEqual({ from: '[redacted]', to: '[redacted]' })
    expect(changes.apiKey).toEqual({ from: '[redacted]', to: '[redacted]' })
    expect(changes.firstName).toEqual({ from: 'Test', to: 'Aroha' })
    const stored = (await payload.db.findOne({
      collection: 'users',
      where: { id: { equals: person.user.id } },
    })) as unknown as { hash: string; salt: string }
    const text = JSON.stringify(entry)
    for (const secret of [password, apiKey, stored.hash, stored.salt]) {
      expect(text).not.toContain(secret)
    }
  })

  it('adds nothing for a change that changed nothing', async () => {
    const created = await createCategory(payload, 'Caterers')
    const res = await rest.patch(`/api/categories/${created.id}`, {
      token: moderator.token,
      body: { name: 'Caterers' },
    })
    expect(res.status).toBe(200)
    expect(await entriesFor('categories', created.id, 'staff.update')).toHaveLength(0)
  })
})

describe('what the staff audit leaves to others', () => {
  it('does not audit changes by vendors and organizers', async () => {
    const owner = await createUser(payload, rest, 'vendor')
    const vendor = await createVendor(payload, owner.user.id, categoryId)
    const own = await rest.patch(`/api/vendors/${vendor.id}`, {
      token: owner.token,
      body: { tagline: 'Now in Hawke’s Bay' },
    })
    expect(own.status).toBe(200)
    const job = await postJob('Caterer for a garden party')
    const edit = await rest.patch(`/api/jobs/${job.id}`, {
      token: organizer.token,
      body: { title: 'Caterer for a summer garden party' },
    })
    expect(edit.status).toBe(200)
    expect(await entriesFor('vendors', vendor.id)).toHaveLength(0)
    expect(await entriesFor('jobs', job.id)).toHaveLength(0)
  })

  it('leaves a moderation decision with its one entry', async () => {
    const owner = await createUser(payload, rest, 'vendor')
    const vendor = await createVendor(payload, owner.user.id, categoryId, {
      profileReview: 'new',
    })
    const res = await rest.post(`/api/vendors/${vendor.id}/moderate`, {
      token: moderator.token,
      body: { action: 'reject', reason: 'The photos are of another business.' },
    })
    expect(res.status).toBe(200)
    const entries = await entriesFor('vendors', vendor.id)
    expect(entries.map((entry) => entry.action)).toEqual(['vendor.reject'])
  })
})

describe('admin exports', () => {
  const download = (body: Record<string, unknown>, token?: string) =>
    rest.post('/api/exports/download', { token, body: { data: body } })

  const exportEntries = async (action: string) =>
    (
      await payload.find({
        collection: 'audit-log',
        where: { action: { equals: action } },
        limit: 100,
      })
    ).docs as AuditLog[]

  let keyed: Awaited<ReturnType<typeof createUser>>
  const apiKey = `export-key-${Date.now()}`

  beforeAll(async () => {
    keyed = await createUser(payload, rest, 'vendor')
    await payload.update({
      collection: 'users',
      id: keyed.user.id,
      data: { enableAPIKey: true, apiKey },
      overrideAccess: true,
    })
  })

  const secretsOf = async () => {
    const row = (await payload.db.findOne({
      collection: 'users',
      where: { id: { equals: keyed.user.id } },
    })) as unknown as { hash: string; salt: string; apiKeyIndex: string }
    return [row.hash, row.salt, row.apiKeyIndex, apiKey]
  }

  it('gives admins the users as JSON without a secret, and audits it', async () => {
    const before = (await exportEntries('export.download')).length
    const res = await download({ collectionSlug: 'users', format: 'json' }, admin.token)
    expect(res.status).toBe(200)
    const rows = res.body as Record<string, unknown>[]
    expect(rows.map((row) => row.email)).toEqual(expect.arrayContaining([keyed.email]))
    for (const row of rows) {
      for (const field of ['hash', 'salt', 'apiKey', 'apiKeyIndex', 'sessions', 'totpSecret']) {
        expect(row).not.toHaveProperty(field)
      }
    }
    const text = JSON.stringify(rows)
    for (const secret of await secretsOf()) expect(text).not.toContain(secret)
    const entries = await exportEntries('export.download')
    expect(entries).toHaveLength(before + 1)
    expect(entries[0]).toMatchObject({
      actorId: admin.user.id,
      targetCollection: 'users',
      details: { format: 'json' },
    })
  })

  it('gives admins CSV without secret columns', async () => {
    const res = await download({ collectionSlug: 'users', format: 'csv' }, admin.token)
    expect(res.status).toBe(200)
    const csv = String(res.body)
    const header = csv
      .replace(/^\uFEFF/, '')
      .split('\n')[0]!
      .split(',')
    expect(header).toEqual(expect.arrayContaining(['email', 'role']))
    for (const column of header) {
      expect(column).not.toMatch(/^(hash|salt|apiKey|apiKeyIndex|sessions|totpSecret)(_|$)/)
    }
    expect(csv).toContain(keyed.email)
    for (const secret of await secretsOf()) expect(csv).not.toContain(secret)
  })

  it('saves an export file for admins only, audited, in the private folder', async () => {
    const res = await rest.post('/api/exports', {
      token: admin.token,
      body: { collectionSlug: 'users', format: 'csv' },
    })
    expect(res.status).toBe(201)
    const doc = res.body.doc as { id: number; filename: string; url: string }
    const [entry] = await exportEntries('export.file')
    expect(entry).toMatchObject({ actorId: admin.user.id, targetCollection: 'users' })
    const saved = fs.readFileSync(
      path.join(process.env.PRIVATE_FILES_DIR!, 'exports', doc.filename),
      'utf8',
    )
    expect(saved).toContain(keyed.email)
    expect(saved).not.toContain('totpSecret')
    for (const secret of await secretsOf()) expect(saved).not.toContain(secret)
    const file = await rest.get(`/api/exports/file/${doc.filename}`, { token: admin.token })
    expect(file.status).toBe(200)
    // A file of people's data: no shared cache may keep it.
    expect(file.headers.get('Cache-Control')).toBe('private, no-store')
    expect(
      (await rest.get(`/api/exports/file/${doc.filename}`, { token: moderator.token })).status,
    ).toBe(403)
    expect((await rest.get(`/api/exports/${doc.id}`, { token: moderator.token })).status).toBe(403)
  })

  it('refuses moderators, vendors and visitors, and audits nothing', async () => {
    const before = (await exportEntries('export.download')).length
    for (const token of [moderator.token, keyed.token, undefined]) {
      const res = await download({ collectionSlug: 'users', format: 'json' }, token)
      expect(res.status).toBe(403)
      expect(JSON.stringify(res.body)).not.toContain(keyed.email)
      const preview = await rest.post('/api/exports/export-preview', {
        token,
        body: { collectionSlug: 'users', format: 'json' },
      })
      expect(preview.status).toBe(403)
      const saved = await rest.post('/api/exports', {
        token,
        body: { collectionSlug: 'users', format: 'json' },
      })
      expect(saved.status).toBe(403)
    }
    expect(await exportEntries('export.download')).toHaveLength(before)
  })

  it('exports only the listed collections, and imports nothing', async () => {
    const messages = await download({ collectionSlug: 'messages', format: 'json' }, admin.token)
    expect(messages.status).toBe(400)
    expect(messages.body.error.message).toContain('Choose one of the collections')
    const saved = await rest.post('/api/exports', {
      token: admin.token,
      body: { collectionSlug: 'verification-documents', format: 'json' },
    })
    expect(saved.status).toBe(400)
    const imported = await rest.post('/api/imports', {
      token: admin.token,
      body: { collectionSlug: 'categories' },
    })
    expect(imported.status).toBe(403)
  })
})
