import type { Payload } from 'payload'

import { createCategory, createVendor } from '../helpers/fixtures'
import { checkedAgainstDocument } from '../helpers/contract'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

let ctx: TestContext
let payload: Payload
let rest: RestClient
let categoryId: number
let vendorA: Awaited<ReturnType<typeof createUser>>
let vendorB: Awaited<ReturnType<typeof createUser>>
let organizer: Awaited<ReturnType<typeof createUser>>
let moderator: Awaited<ReturnType<typeof createUser>>
let profileA: { id: number; slug?: string | null }
let profileB: { id: number }
let draftOfB: { id: number }

beforeAll(async () => {
  ctx = await startPayload('vendors')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  categoryId = (await createCategory(payload, 'Florists')).id
  vendorA = await createUser(payload, rest, 'vendor')
  vendorB = await createUser(payload, rest, 'vendor')
  organizer = await createUser(payload, rest, 'organizer')
  moderator = await createUser(payload, rest, 'moderator')
  profileA = await createVendor(payload, vendorA.user.id, categoryId, {
    businessName: 'Kōwhai Florals',
  })
  profileB = await createVendor(payload, vendorB.user.id, categoryId, {
    businessName: 'Tūī Blooms',
  })
  const spare = await createUser(payload, rest, 'vendor')
  draftOfB = await createVendor(payload, spare.user.id, categoryId, {
    businessName: 'Hidden Draft',
    status: 'draft',
  })
})

afterAll(async () => {
  await ctx?.stop()
})

describe('reading vendors', () => {
  it('shows anonymous visitors active vendors only, without contact details, owner or notes', async () => {
    const res = await rest.get('/api/vendors?limit=50')
    expect(res.status).toBe(200)
    const names = res.body.docs.map((d: { businessName: string }) => d.businessName).sort()
    expect(names).toEqual(['Kōwhai Florals', 'Tūī Blooms'])
    for (const doc of res.body.docs) {
      expect(doc.contact).toBeUndefined()
      expect(doc.owner).toBeUndefined()
      expect(doc.internalNotes).toBeUndefined()
    }
  })

  it('refuses a draft by id to anonymous visitors and organizers', async () => {
    expect((await rest.get(`/api/vendors/${draftOfB.id}`)).status).toBe(404)
    expect((await rest.get(`/api/vendors/${draftOfB.id}`, { token: organizer.token })).status).toBe(
      404,
    )
  })

  it('shows contact details to a signed-in organizer but not internal notes', async () => {
    const res = await rest.get(`/api/vendors/${profileA.id}`, { token: organizer.token })
    expect(res.status).toBe(200)
    expect(res.body.contact.email).toMatch(/@example\.test$/)
    expect(res.body.internalNotes).toBeUndefined()
  })

  it('lets staff see drafts and internal notes', async () => {
    const res = await rest.get(`/api/vendors/${draftOfB.id}`, { token: moderator.token })
    expect(res.status).toBe(200)
    expect(res.body.internalNotes).toBe('Staff only')
  })
})

describe('creating vendor profiles', () => {
  it('refuses anonymous and organizer creates, storing nothing', async () => {
    const before = await payload.count({ collection: 'vendors' })
    const body = {
      businessName: 'Sneaky',
      categories: [categoryId],
      location: { city: 'Nelson', region: 'nelson' },
    }
    expect((await rest.post('/api/vendors', { body })).status).toBe(403)
    expect((await rest.post('/api/vendors', { body, token: organizer.token })).status).toBe(403)
    expect((await payload.count({ collection: 'vendors' })).totalDocs).toBe(before.totalDocs)
  })

  it('makes a new vendor the owner of the profile they create, whatever they send, and only once', async () => {
    const fresh = await createUser(payload, rest, 'vendor')
    const res = await rest.post('/api/vendors', {
      token: fresh.token,
      body: {
        businessName: 'Harbourside Kitchen',
        categories: [categoryId],
        location: { city: 'Wellington', region: 'wellington' },
        owner: vendorA.user.id,
        tier: 'spotlight',
        verificationStatus: 'verified',
        status: 'active',
      },
    })
    expect(res.status).toBe(201)
    expect(res.body.doc.slug).toBe('harbourside-kitchen')
    const stored = await payload.findByID({ collection: 'vendors', id: res.body.doc.id, depth: 0 })
    expect(stored.owner).toBe(fresh.user.id)
    expect(stored.tier).toBe('essential')
    expect(stored.verificationStatus).toBe('unverified')

    const second = await rest.post('/api/vendors', {
      token: fresh.token,
      body: {
        businessName: 'Second Go',
        categories: [categoryId],
        location: { city: 'Wellington', region: 'wellington' },
      },
    })
    expect(second.status).toBe(409)
    expect(second.body.errors[0].message).toMatch(/already have a vendor profile/)
  })

  it('answers 400 naming the problem for missing or malformed fields', async () => {
    const fresh = await createUser(payload, rest, 'vendor')
    const res = await rest.post('/api/vendors', {
      token: fresh.token,
      body: {
        businessName: 'x'.repeat(500),
        categories: [],
        location: { city: 'Nelson', region: 'atlantis' },
        website: 'not a url',
      },
    })
    expect(res.status).toBe(400)
    const paths = res.body.errors[0].data.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['businessName', 'location.region', 'website']))
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/)
  })

  it('refuses unknown fields with 400 and stores nothing', async () => {
    const fresh = await createUser(payload, rest, 'vendor')
    const res = await rest.post('/api/vendors', {
      token: fresh.token,
      body: {
        businessName: 'Typo Events',
        categories: [categoryId],
        location: { city: 'Nelson', region: 'nelson' },
        bussinessPhone: '123',
      },
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].data.errors[0].message).toBe('Unknown field "bussinessPhone".')
    expect(
      (
        await payload.count({
          collection: 'vendors',
          where: { businessName: { equals: 'Typo Events' } },
        })
      ).totalDocs,
    ).toBe(0)
  })
})

describe('updating vendor profiles', () => {
  it("refuses a vendor's PATCH of another vendor's profile", async () => {
    const res = await rest.patch(`/api/vendors/${profileB.id}`, {
      token: vendorA.token,
      body: { businessName: 'Hijacked' },
    })
    expect([403, 404]).toContain(res.status)
    const stored = await payload.findByID({ collection: 'vendors', id: profileB.id })
    expect(stored.businessName).toBe('Tūī Blooms')
  })

  it('lets a vendor edit their own profile but keeps tier, verification and rating read-only', async () => {
    const res = await rest.patch(`/api/vendors/${profileA.id}`, {
      token: vendorA.token,
      body: {
        tagline: 'Native flowers for every occasion',
        tier: 'spotlight',
        verificationStatus: 'verified',
        rating: { average: 5, count: 999 },
      },
    })
    expect(res.status).toBe(200)
    const stored = await payload.findByID({ collection: 'vendors', id: profileA.id })
    expect(stored.tagline).toBe('Native flowers for every occasion')
    expect(stored.tier).toBe('essential')
    expect(stored.verificationStatus).toBe('unverified')
    expect(stored.rating?.count).toBe(0)
  })

  it('accepts a profile sent back exactly as it was read (what the admin form does)', async () => {
    const read = await rest.get(`/api/vendors/${profileA.id}?depth=0`, { token: vendorA.token })
    const res = await rest.patch(`/api/vendors/${profileA.id}`, {
      token: vendorA.token,
      body: read.body,
    })
    expect(res.status).toBe(200)
  })

  it('lets a moderator set the verification status but not the tier, which is money: admins only', async () => {
    const res = await rest.patch(`/api/vendors/${profileB.id}`, {
      token: moderator.token,
      body: { tier: 'showcase', verificationStatus: 'verified' },
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.tier).toBe('essential')
    expect(res.body.doc.verificationStatus).toBe('verified')
    const admin = await createUser(payload, rest, 'admin')
    const byAdmin = await rest.patch(`/api/vendors/${profileB.id}`, {
      token: admin.token,
      body: { tier: 'showcase' },
    })
    expect(byAdmin.body.doc.tier).toBe('showcase')
  })

  it('refuses deletes by vendors and moderators; only admins delete', async () => {
    expect(
      (await rest.delete(`/api/vendors/${profileA.id}`, { token: vendorA.token })).status,
    ).toBe(403)
    expect(
      (await rest.delete(`/api/vendors/${profileA.id}`, { token: moderator.token })).status,
    ).toBe(403)
    const admin = await createUser(payload, rest, 'admin')
    expect((await rest.delete(`/api/vendors/${draftOfB.id}`, { token: admin.token })).status).toBe(
      200,
    )
  })
})

describe('GraphQL follows the same rules', () => {
  const listQuery = '{ Vendors(limit: 50) { docs { businessName status contact { email } } } }'

  it('lists active vendors only to anonymous callers, without contact details', async () => {
    const res = await rest.graphql(listQuery)
    expect(res.status).toBe(200)
    const docs = res.body.data.Vendors.docs
    expect(docs.every((d: { status: string }) => d.status === 'active')).toBe(true)
    expect(docs.map((d: { businessName: string }) => d.businessName)).not.toContain('Hidden Draft')
    expect(
      docs.every((d: { contact: { email?: string } | null }) => d.contact?.email == null),
    ).toBe(true)
  })

  it("refuses a vendor's mutation of another vendor and ignores their tier change on their own", async () => {
    const mutation =
      'mutation($id: Int!, $data: mutationVendorUpdateInput!) { updateVendor(id: $id, data: $data) { businessName tier } }'
    const other = await rest.graphql(
      mutation,
      { id: profileB.id, data: { businessName: 'Hijacked' } },
      { token: vendorA.token },
    )
    expect(other.body.errors?.[0]?.message).toBeTruthy()
    expect((await payload.findByID({ collection: 'vendors', id: profileB.id })).businessName).toBe(
      'Tūī Blooms',
    )

    const own = await rest.graphql(
      mutation,
      { id: profileA.id, data: { tier: 'spotlight', tagline: 'Via GraphQL' } },
      { token: vendorA.token },
    )
    expect(own.body.errors).toBeUndefined()
    expect(own.body.data.updateVendor.tier).toBe('essential')
  })
})

describe('finding one’s own profile', () => {
  it('lets a vendor find their profile by owner (the account page and the restricted admin do this)', async () => {
    const res = await rest.get(`/api/vendors?where[owner][equals]=${vendorA.user.id}&depth=0`, {
      token: vendorA.token,
    })
    expect(res.status).toBe(200)
    expect(res.body.docs.map((d: { id: number }) => d.id)).toEqual([profileA.id])
    expect(res.body.docs[0].owner).toBe(vendorA.user.id)
  })

  it('does not let anonymous visitors or organizers query by owner', async () => {
    const anonymous = await rest.get(`/api/vendors?where[owner][equals]=${vendorA.user.id}`)
    expect([400, 403]).toContain(anonymous.status)
    expect(JSON.stringify(anonymous.body)).toMatch(/owner/)
    const organizerQuery = await rest.get(`/api/vendors?where[owner][equals]=${vendorA.user.id}`, {
      token: organizer.token,
    })
    expect([400, 403]).toContain(organizerQuery.status)
  })
})
