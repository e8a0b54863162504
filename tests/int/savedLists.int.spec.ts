import type { Payload } from 'payload'

import { idOf } from '@/lib/kit/ids'
import { MAX_SAVED_LISTS } from '@/lib/saved/limits'

import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let organizer: Account
let otherOrganizer: Account
let vendor: Account
let admin: Account
let activeId: number
let otherActiveId: number
let draftId: number

const newList = (who: Account, body: Record<string, unknown>) =>
  rest.post('/api/saved-lists', { token: who.token, body })

const save = (who: Account, listId: number, vendorId: unknown) =>
  rest.post(`/api/saved-lists/${listId}/vendors`, { token: who.token, body: { vendor: vendorId } })

const listRow = (id: number) =>
  payload.findByID({ collection: 'saved-lists', id, depth: 0, overrideAccess: true })

const vendorIdsOf = async (id: number) => ((await listRow(id)).vendors ?? []).map(idOf)

beforeAll(async () => {
  ctx = await startPayload('saved_lists')
  payload = ctx.payload
  rest = restClient(ctx.config)
  const categoryId = (await createCategory(payload, 'Caterers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  admin = await createUser(payload, rest, 'admin')
  activeId = (await createVendor(payload, vendor.user.id, categoryId, { businessName: 'Kai Time' }))
    .id
  const second = await createUser(payload, rest, 'vendor')
  otherActiveId = (
    await createVendor(payload, second.user.id, categoryId, { businessName: 'Hāngī Co' })
  ).id
  const third = await createUser(payload, rest, 'vendor')
  draftId = (
    await createVendor(payload, third.user.id, categoryId, {
      businessName: 'Not Yet Open',
      status: 'draft',
    })
  ).id
})

afterAll(async () => {
  await ctx?.stop()
})

describe('saved vendor lists', () => {
  let listId: number

  it('are an organizer’s own: the list is theirs whoever it claims to belong to', async () => {
    const res = await newList(organizer, {
      name: '  Wedding  ',
      vendors: [activeId],
      owner: otherOrganizer.user.id,
    })
    expect(res.status).toBe(201)
    listId = res.body.doc.id
    const row = await listRow(listId)
    expect(idOf(row.owner)).toBe(organizer.user.id)
    expect(row.name).toBe('Wedding')
    expect(await vendorIdsOf(listId)).toEqual([activeId])
  })

  it('are refused to vendors, the signed-out, and a second list of the same name', async () => {
    expect((await newList(vendor, { name: 'Mine' })).status).toBe(403)
    expect((await rest.post('/api/saved-lists', { body: { name: 'Anon' } })).status).toBe(403)
    const twice = await newList(organizer, { name: 'wedding' })
    expect(twice.status).toBe(409)
    expect(twice.body.errors?.[0]?.message ?? twice.body.error?.message).toMatch(/already have/)
    expect((await newList(organizer, { name: '   ' })).status).toBe(400)
  })

  it('hold only vendors on the site: a draft profile or a made-up id is refused', async () => {
    expect((await save(organizer, listId, draftId)).status).toBe(404)
    expect((await save(organizer, listId, 999_999)).status).toBe(404)
    expect((await save(organizer, listId, 'abc')).status).toBe(400)
    for (const bad of [2_147_483_648, true, [activeId], 1.5]) {
      expect((await save(organizer, listId, bad)).status).toBe(400)
    }
    const viaRest = await rest.patch(`/api/saved-lists/${listId}`, {
      token: organizer.token,
      body: { vendors: [activeId, draftId] },
    })
    expect(viaRest.status).toBe(400)
    expect(await vendorIdsOf(listId)).toEqual([activeId])
  })

  it('save and remove one vendor at a time, saving twice changing nothing', async () => {
    expect((await save(organizer, listId, otherActiveId)).status).toBe(200)
    expect((await save(organizer, listId, otherActiveId)).status).toBe(200)
    expect(await vendorIdsOf(listId)).toEqual([activeId, otherActiveId])
    const removed = await rest.delete(`/api/saved-lists/${listId}/vendors/${activeId}`, {
      token: organizer.token,
    })
    expect(removed.status).toBe(200)
    expect(await vendorIdsOf(listId)).toEqual([otherActiveId])
  })

  it('are invisible to everyone else, by id, by filter and by the add and remove routes', async () => {
    const theirs = await rest.get(`/api/saved-lists/${listId}`, { token: otherOrganizer.token })
    expect(theirs.status).toBe(404)
    const filtered = await rest.get(`/api/saved-lists?where[owner][equals]=${organizer.user.id}`, {
      token: otherOrganizer.token,
    })
    expect(filtered.body.docs).toEqual([])
    const byVendor = await rest.get(`/api/saved-lists?where[vendors][in]=${otherActiveId}`, {
      token: vendor.token,
    })
    expect(byVendor.status === 403 || byVendor.body.docs?.length === 0).toBe(true)
    expect((await rest.get('/api/saved-lists')).status).toBe(403)
    expect((await save(otherOrganizer, listId, activeId)).status).toBe(404)
    const removeTheirs = await rest.delete(`/api/saved-lists/${listId}/vendors/${otherActiveId}`, {
      token: otherOrganizer.token,
    })
    expect(removeTheirs.status).toBe(404)
    const renameTheirs = await rest.patch(`/api/saved-lists/${listId}`, {
      token: otherOrganizer.token,
      body: { name: 'Mine now' },
    })
    // Payload's own update and delete refuse a document outside the caller's access with 403.
    expect(renameTheirs.status).toBe(403)
    expect((await rest.delete(`/api/saved-lists/${listId}`, { token: vendor.token })).status).toBe(
      403,
    )
    expect(await vendorIdsOf(listId)).toEqual([otherActiveId])
    expect((await listRow(listId)).name).toBe('Wedding')
    // Admins can look (support), but the add and remove routes are the owner's alone.
    expect((await rest.get(`/api/saved-lists/${listId}`, { token: admin.token })).status).toBe(200)
    expect((await save(admin, listId, activeId)).status).toBe(404)
  })

  it('keep a vendor who later leaves the site as an id the owner can still remove', async () => {
    await payload.update({
      collection: 'vendors',
      id: otherActiveId,
      data: { status: 'inactive' },
      overrideAccess: true,
    })
    const own = await rest.get(`/api/saved-lists/${listId}?depth=1`, { token: organizer.token })
    expect(own.status).toBe(200)
    expect(own.body.vendors).toEqual([otherActiveId])
    // The list still changes: a vendor on the site can join it, and the one who left can go.
    expect((await save(organizer, listId, activeId)).status).toBe(200)
    expect(await vendorIdsOf(listId)).toEqual([otherActiveId, activeId])
    const removed = await rest.delete(`/api/saved-lists/${listId}/vendors/${otherActiveId}`, {
      token: organizer.token,
    })
    expect(removed.status).toBe(200)
    expect(await vendorIdsOf(listId)).toEqual([activeId])
  })

  it('take saves made at the same moment without losing one', async () => {
    const created = await newList(organizer, { name: 'Office party' })
    const extra: number[] = []
    for (let i = 0; i < 4; i += 1) {
      const owner = await createUser(payload, rest, 'vendor')
      const category = (await createCategory(payload, `Caterers ${i}`)).id
      extra.push((await createVendor(payload, owner.user.id, category)).id)
    }
    const results = await Promise.all(extra.map((id) => save(organizer, created.body.doc.id, id)))
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect((await vendorIdsOf(created.body.doc.id)).sort()).toEqual([...extra].sort())
  })

  it(`stop at ${MAX_SAVED_LISTS} lists`, async () => {
    const { totalDocs } = await payload.count({
      collection: 'saved-lists',
      where: { owner: { equals: organizer.user.id } },
      overrideAccess: true,
    })
    for (let i = totalDocs; i < MAX_SAVED_LISTS; i += 1) {
      expect((await newList(organizer, { name: `List ${i}` })).status).toBe(201)
    }
    const over = await newList(organizer, { name: 'One too many' })
    expect(over.status).toBe(409)
  })
})
