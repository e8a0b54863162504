import type { CollectionConfig, Payload, PayloadRequest } from 'payload'

import type * as JobBoard from '@/lib/marketplace/jobBoard'
import type * as VendorStats from '@/lib/vendorStats/figures'
import type { User } from '@/payload-types'

import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Category = { id: number; name: string; slug?: string | null }

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let photographers: Category
let djs: Category
let organizer: Account
let vendor: Account
let otherVendor: Account
let vendorId: number
let otherVendorId: number
// Loaded after startPayload: they reach the config, which must see the test database's address.
let jobBoardState: typeof JobBoard.jobBoardState
let outsideServicesWarning: typeof JobBoard.outsideServicesWarning
let usesVendorScope: typeof JobBoard.usesVendorScope
let vendorScope: typeof JobBoard.vendorScope
let vendorFigures: typeof VendorStats.vendorFigures

const publishedJob = (categoryId: number) =>
  publishWeddingJob(rest, organizer.token, { categoryId })
const quote = (who: Account, jobId: number) => sendQuote(rest, who.token, jobId)

/** A permission as `/api/access` answers it: `true` or `{ permission: true }`; absent is no. */
const allowed = (permission: unknown) =>
  permission === true || (permission as { permission?: boolean } | undefined)?.permission === true

const collection = (slug: string): CollectionConfig =>
  payload.config.collections.find((c) => c.slug === slug) as unknown as CollectionConfig

beforeAll(async () => {
  ctx = await startPayload('vendorWorkspace')
  payload = ctx.payload
  ;({ jobBoardState, outsideServicesWarning, usesVendorScope, vendorScope } =
    await import('@/lib/marketplace/jobBoard'))
  ;({ vendorFigures } = await import('@/lib/vendorStats/figures'))
  rest = restClient(ctx.config)
  photographers = await createCategory(payload, 'Photographers')
  djs = await createCategory(payload, 'DJs')
  organizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  vendorId = (
    await createVendor(payload, vendor.user.id, photographers.id, {
      businessName: 'Kōwhai Frames',
      serviceRegions: ['hawkes-bay'],
    })
  ).id
  otherVendorId = (await createVendor(payload, otherVendor.user.id, djs.id)).id
})

afterAll(async () => {
  await ctx?.stop()
})

describe('the vendor dashboard’s figures', () => {
  it('counts the vendor’s own enquiries, quotes, wins, bookings and rating', async () => {
    const thread = await rest.post('/api/messages/threads', {
      token: organizer.token,
      body: { vendor: vendorId, body: 'Kia ora! Are you free on 14 March?' },
    })
    expect(thread.status).toBe(201)
    const won = await quote(vendor, await publishedJob(photographers.id))
    await quote(vendor, await publishedJob(photographers.id))
    // The other vendor's quote on a third job is not ours to count.
    await quote(otherVendor, await publishedJob(djs.id))
    const accepted = await rest.post(`/api/applications/${won}/accept`, {
      token: organizer.token,
    })
    expect(accepted.status).toBe(200)
    await payload.update({
      collection: 'vendors',
      id: vendorId,
      data: { rating: { average: 4.5, count: 2 } },
    })

    const figures = await vendorFigures(payload, vendor.user as User)
    expect(figures).toMatchObject({
      vendorId,
      enquiries: 1,
      quotesSent: 2,
      quotesWon: 1,
      bookingsUpcoming: 1,
      bookingsCompleted: 0,
      ratingAverage: 4.5,
      reviewCount: 2,
      plan: { label: 'Essential', entitlements: { quotesPerMonth: 5 } },
    })
    const others = await vendorFigures(payload, otherVendor.user as User)
    expect(others).toMatchObject({ vendorId: otherVendorId, enquiries: 0, quotesSent: 1 })
  })

  it('never counts another vendor’s rows, even when asked for them by id', async () => {
    const { totalDocs } = await payload.count({
      collection: 'applications',
      where: { vendor: { equals: otherVendorId } },
      user: vendor.user,
      overrideAccess: false,
    })
    expect(totalDocs).toBe(0)
    const threads = await payload.count({
      collection: 'threads',
      where: { vendor: { equals: vendorId } },
      user: otherVendor.user,
      overrideAccess: false,
    })
    expect(threads.totalDocs).toBe(0)
  })

  it('is empty for a vendor without a profile', async () => {
    const newcomer = await createUser(payload, rest, 'vendor')
    expect(await vendorFigures(payload, newcomer.user as User)).toBeNull()
  })
})

describe('the vendor’s admin', () => {
  const accessReq = (user: unknown) => ({ req: { user, payload } as unknown as PayloadRequest })

  it('offers no Create once the vendor has a profile, and does before', async () => {
    const create = collection('vendors').access!.create!
    expect(await create(accessReq({ ...vendor.user, collection: 'users' }))).toBe(false)
    const newcomer = await createUser(payload, rest, 'vendor')
    expect(await create(accessReq({ ...newcomer.user, collection: 'users' }))).toBe(true)
    const second = await rest.post('/api/vendors', {
      token: vendor.token,
      body: { businessName: 'A second profile', categories: [photographers.id] },
    })
    expect(second.status).toBe(409)
    // What the admin reads to decide on its Create buttons.
    const permissions = await rest.get('/api/access', { token: vendor.token })
    expect(allowed(permissions.body.collections.vendors.create)).toBe(false)
    const fresh = await rest.get('/api/access', { token: newcomer.token })
    expect(allowed(fresh.body.collections.vendors.create)).toBe(true)
  })

  it('hides the API tab and the system-written fields from vendors, not from staff', async () => {
    const vendors = collection('vendors')
    expect(vendors.admin?.hideAPIURL).toBe(true)
    const admin = await createUser(payload, rest, 'admin')
    for (const name of ['owner', 'rating', 'responseStats']) {
      const field = vendors.fields.find((f) => 'name' in f && f.name === name)
      const condition = field && 'admin' in field ? field.admin?.condition : undefined
      expect(condition).toBeDefined()
      const asVendor = condition!({}, {}, { user: vendor.user } as never)
      const asAdmin = condition!({}, {}, { user: admin.user } as never)
      expect([name, asVendor, asAdmin]).toEqual([name, false, true])
    }
  })

  it('keeps the collections a vendor cannot use out of their menu', () => {
    for (const slug of ['categories', 'applications', 'bookings', 'jobs', 'users']) {
      const hidden = collection(slug).admin?.hidden
      expect([
        slug,
        typeof hidden === 'function' ? hidden({ user: vendor.user } as never) : hidden,
      ]).toEqual([slug, true])
    }
    const vendorsHidden = collection('vendors').admin?.hidden
    expect(
      typeof vendorsHidden === 'function'
        ? vendorsHidden({ user: vendor.user } as never)
        : Boolean(vendorsHidden),
    ).toBe(false)
  })
})

describe('the job board’s defaults', () => {
  it('starts from the vendor’s own services and region, and not after “show all”', async () => {
    const scope = await vendorScope(payload, vendor.user as User)
    expect(scope).toEqual({
      categories: [{ id: photographers.id, slug: photographers.slug, name: 'Photographers' }],
      regions: ['hawkes-bay'],
    })
    expect(usesVendorScope(jobBoardState({}), scope)).toBe(true)
    expect(usesVendorScope(jobBoardState({ all: 'true' }), scope)).toBe(false)
    expect(usesVendorScope(jobBoardState({ category: 'djs' }), scope)).toBe(false)
    expect(usesVendorScope(jobBoardState({}), null)).toBe(false)
  })

  it('warns, naming both, before a vendor quotes on a job outside their services', async () => {
    const scope = await vendorScope(payload, vendor.user as User)
    expect(outsideServicesWarning([{ id: djs.id, name: 'DJs' }], scope)).toBe(
      'This job asks for DJs; your profile lists Photographers. You can still quote, but it uses one of this month’s quotes.',
    )
    expect(
      outsideServicesWarning([{ id: photographers.id, name: 'Photographers' }], scope),
    ).toBeNull()
  })
})
