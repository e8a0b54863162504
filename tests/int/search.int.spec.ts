import type { Payload, Where } from 'payload'

import {
  getSearchEngine,
  haversineKm,
  meilisearchEngine,
  rebuildSearchIndex,
  type SearchEngine,
  setSearchEngine,
} from '../../plugins/search'
import { lookupPlace } from '../../src/lib/geo/gazetteer'
import type { Vendor } from '../../src/payload-types'
import { type MeiliPeer, startMeiliPeer } from '../helpers/meiliPeer'
import { checkedAgainstDocument } from '../helpers/contract'
import { startPayload, type TestContext } from '../helpers/payload'
import { type RestClient, restClient } from '../helpers/rest'
import { PLACES } from '../helpers/searchFixtures'
import { createUser } from '../helpers/users'

/**
 * The search plugin inside Payload: the endpoint's contract and validation, and the outbox
 * that carries every vendor change to the index — including while the engine is down.
 */

let ctx: TestContext
let payload: Payload
let rest: RestClient
const category: Record<string, number> = {}

const runSearchJobs = () => payload.jobs.run({ queue: 'search', limit: 500 })

const vendor = (data: Partial<Vendor> & { businessName: string }) =>
  payload.create({
    collection: 'vendors',
    data: {
      categories: [category.photographers!],
      priceRange: 'moderate',
      location: { city: 'Wellington', region: 'wellington', ...PLACES.wellington },
      status: 'active',
      contact: { email: 'hello@example.test', phone: '04 123 4567' },
      ...data,
    } as Vendor,
  })

const search = (params: string) => rest.get(`/api/vendors/search?${params}`)
const hitNames = async (params: string): Promise<string[]> => {
  const { status, body } = await search(params)
  expect(status).toBe(200)
  return body.data.vendors.map((v: { businessName: string }) => v.businessName)
}

beforeAll(async () => {
  ctx = await startPayload('search')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  const make = async (name: string, slug: string, parent?: number) =>
    (await payload.create({ collection: 'categories', data: { name, slug, parent } })).id
  category.photoVideo = await make('Photography & Video', 'photography-video')
  category.photographers = await make('Photographers', 'photographers', category.photoVideo)
  category.food = await make('Food & Drink', 'food-drink')
  category.caterers = await make('Caterers', 'caterers', category.food)

  await vendor({
    businessName: 'Harbour Light Photography',
    tier: 'spotlight',
    verificationStatus: 'verified',
    rating: { average: 4.9, count: 20 },
  })
  await vendor({
    businessName: 'Hutt Valley Photographers',
    location: { city: 'Lower Hutt', region: 'wellington', ...PLACES.lowerHutt },
    priceRange: 'budget',
    rating: { average: 4.1, count: 6 },
  })
  await vendor({
    businessName: 'Porirua Photo Co',
    location: { city: 'Porirua', region: 'wellington', ...PLACES.porirua },
    unavailableDates: [{ from: '2027-02-10T00:00:00.000Z', to: '2027-02-14T00:00:00.000Z' }],
  })
  await vendor({
    businessName: 'Wairarapa Wedding Photography',
    location: { city: 'Masterton', region: 'wellington', ...PLACES.masterton },
    priceRange: 'luxury',
  })
  await vendor({ businessName: 'Harbour Light Catering', categories: [category.caterers!] })
  await vendor({
    businessName: 'Northland Feast',
    categories: [category.caterers!],
    location: { city: 'Whangārei', region: 'northland', ...PLACES.whangarei },
  })
  await vendor({ businessName: 'Hidden Draft Photography', status: 'draft' })
  await runSearchJobs()
})

afterAll(async () => {
  await ctx?.stop()
})

describe('GET /api/vendors/search', () => {
  it('answers the architecture’s response shape with distance and facets', async () => {
    const { status, body } = await search(
      'query=photographer&location[place]=Wellington&location[radius]=30&sortBy=distance',
    )
    expect(status).toBe(200)
    expect(body.success).toBe(true)
    expect(body.data).toEqual(
      expect.objectContaining({
        total: expect.any(Number),
        page: 1,
        limit: 20,
        hasMore: false,
        vendors: expect.any(Array),
      }),
    )
    expect(body.meta.pagination).toEqual({
      page: 1,
      limit: 20,
      total: body.data.total,
      totalPages: 1,
    })
    expect(body.meta.location).toEqual(
      expect.objectContaining({ name: 'Wellington', radiusKm: 30 }),
    )
    const names = body.data.vendors.map((v: Vendor) => v.businessName)
    expect(names).toEqual([
      'Harbour Light Photography',
      'Hutt Valley Photographers',
      'Porirua Photo Co',
    ])
    const wellington = lookupPlace('Wellington')!
    for (const hit of body.data.vendors) {
      const expected = haversineKm(wellington, { lat: hit.location.lat, lng: hit.location.lng })
      expect(hit.distanceKm).toBeCloseTo(expected, 1)
      expect(hit.distanceKm).toBeLessThanOrEqual(30)
      expect(hit).not.toHaveProperty('contact')
      expect(hit).not.toHaveProperty('owner')
      expect(hit).not.toHaveProperty('internalNotes')
    }
    expect(body.data.facets.categories).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ slug: 'photographers', name: 'Photographers', count: 3 }),
      ]),
    )
  })

  it('ranks the exact business name first', async () => {
    expect((await hitNames('query=Harbour%20Light%20Catering'))[0]).toBe('Harbour Light Catering')
    expect((await hitNames('query=harbour%20light%20photography'))[0]).toBe(
      'Harbour Light Photography',
    )
  })

  it('finds photographers from "photogarpher" and Whangārei from "Whangarei"', async () => {
    // Not "fotographer": a different first letter counts as two typos, as in Meilisearch.
    expect(await hitNames('query=fotographer')).toEqual([])
    const typo = await hitNames('query=photogarpher')
    expect(typo).toEqual(
      expect.arrayContaining([
        'Harbour Light Photography',
        'Hutt Valley Photographers',
        'Porirua Photo Co',
      ]),
    )
    expect(typo).not.toContain('Harbour Light Catering')
    expect(await hitNames('query=Whangarei')).toEqual(['Northland Feast'])
    expect(await hitNames('near=whangarei&radius=10')).toEqual(['Northland Feast'])
  })

  it('never returns draft vendors', async () => {
    expect(await hitNames('query=Hidden%20Draft')).toEqual([])
  })

  it('counts facets exactly as the database does', async () => {
    const { body } = await search('limit=1')
    const active = { status: { equals: 'active' } }
    const count = async (where: Where) =>
      (await payload.count({ collection: 'vendors', where: { and: [active, where] } })).totalDocs
    const facet = (list: { slug?: string; value?: string; count: number }[], key: string) =>
      list.find((f) => (f.slug ?? f.value) === key)?.count ?? 0
    expect(body.data.total).toBe(await count({}))
    expect(facet(body.data.facets.categories, 'photographers')).toBe(
      await count({ categories: { in: [category.photographers] } }),
    )
    expect(facet(body.data.facets.categories, 'caterers')).toBe(
      await count({ categories: { in: [category.caterers] } }),
    )
    expect(facet(body.data.facets.regions, 'wellington')).toBe(
      await count({ 'location.region': { equals: 'wellington' } }),
    )
    expect(facet(body.data.facets.regions, 'northland')).toBe(
      await count({ 'location.region': { equals: 'northland' } }),
    )
    for (const price of ['budget', 'moderate', 'luxury']) {
      expect(facet(body.data.facets.priceRanges, price)).toBe(
        await count({ priceRange: { equals: price } }),
      )
    }
    expect(body.data.facets.verified.count).toBe(
      await count({ verificationStatus: { equals: 'verified' } }),
    )
    expect(body.data.facets.ratings.find((r: { min: number }) => r.min === 4).count).toBe(
      await count({ 'rating.average': { greater_than_equal: 4 } }),
    )
  })

  it('excludes vendors who are unavailable on the dates asked', async () => {
    expect(
      await hitNames(
        'query=porirua&availability[startDate]=2027-02-12&availability[endDate]=2027-02-12',
      ),
    ).toEqual([])
    expect(await hitNames('query=porirua&from=2027-02-15&to=2027-02-16')).toEqual([
      'Porirua Photo Co',
    ])
  })

  it.each([
    [
      'radius of 0',
      'location[lat]=-41.28&location[lng]=174.77&location[radius]=0',
      'location.radius',
    ],
    ['radius over 2000 km', 'lat=-41.28&lng=174.77&radius=2001', 'location.radius'],
    ['latitude out of range', 'lat=91&lng=174.77', 'location.lat'],
    ['longitude out of range', 'lat=-41&lng=181', 'location.lng'],
    ['limit of 10000', 'pagination[limit]=10000', 'pagination.limit'],
    ['unknown sortBy', 'sortBy=cheapest', 'sortBy'],
    ['page 0', 'page=0', 'pagination.page'],
    ['distance sort without a location', 'sortBy=distance', 'sortBy'],
    ['end before start', 'from=2027-03-02&to=2027-03-01', 'availability.endDate'],
    ['a date that is not a date', 'from=2027-02-30x&to=2027-03-01', 'availability.startDate'],
    ['an unknown price range', 'priceRange=cheap', 'priceRange'],
    ['a parameter that does not exist', 'colour=blue', 'colour'],
    ['a place outside New Zealand', 'near=Gotham', 'location.place'],
  ])('refuses %s with 400, a code, a message and details', async (_, params, field) => {
    const { status, body } = await search(params)
    expect(status).toBe(400)
    expect(body).toEqual({
      success: false,
      error: {
        code: 'INVALID_SEARCH_REQUEST',
        message: expect.any(String),
        details: expect.any(Array),
      },
    })
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field)
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/)
  })

  it('suggests New Zealand places for the "near" box, macrons and all', async () => {
    const { status, body } = await rest.get('/api/places?q=whanga')
    expect(status).toBe(200)
    expect(body.data.places.map((p: { name: string }) => p.name)).toContain('Whangārei')
    expect((await rest.get('/api/places')).status).toBe(400)
  })
})

describe('keeping the index equal to the database', () => {
  it('carries create, update, unpublish and delete to the index', async () => {
    const created = await vendor({ businessName: 'Kapiti Coast Films' })
    expect(await hitNames('query=Kapiti%20Coast%20Films')).toEqual([]) // queued, not yet applied
    await runSearchJobs()
    expect(await hitNames('query=Kapiti%20Coast%20Films')).toEqual(['Kapiti Coast Films'])

    await payload.update({
      collection: 'vendors',
      id: created.id,
      data: { businessName: 'Kapiti Coast Cinema' },
    })
    await runSearchJobs()
    expect(await hitNames('query=Kapiti')).toEqual(['Kapiti Coast Cinema'])

    await payload.update({ collection: 'vendors', id: created.id, data: { status: 'inactive' } })
    await runSearchJobs()
    expect(await hitNames('query=Kapiti')).toEqual([])

    await payload.update({ collection: 'vendors', id: created.id, data: { status: 'active' } })
    await runSearchJobs()
    expect(await hitNames('query=Kapiti')).toEqual(['Kapiti Coast Cinema'])

    await payload.delete({ collection: 'vendors', id: created.id })
    await runSearchJobs()
    expect(await hitNames('query=Kapiti')).toEqual([])
  })

  it('carries a vendor’s own edit through REST, and staff changes to tier, verification and rating', async () => {
    const { token } = await createUser(payload, rest, 'vendor')
    const created = await rest.post('/api/vendors', {
      token,
      body: {
        businessName: 'Ōtaki Sound & Light',
        categories: [category.photographers],
        priceRange: 'premium',
        location: { city: 'Ōtaki', region: 'wellington', lat: -40.7581, lng: 175.15 },
        status: 'active',
      },
    })
    expect(created.status).toBe(201)
    await runSearchJobs()
    expect(await hitNames('query=otaki')).toEqual(['Ōtaki Sound & Light'])

    await payload.update({
      collection: 'vendors',
      id: created.body.doc.id,
      data: { rating: { average: 5, count: 3 }, tier: 'spotlight', verificationStatus: 'verified' },
    })
    await runSearchJobs()
    const { body } = await search('query=otaki')
    expect(body.data.vendors[0]).toEqual(
      expect.objectContaining({
        rating: { average: 5, count: 3 },
        tier: 'spotlight',
        verified: true,
      }),
    )
  })

  it('carries a category rename to every vendor in it', async () => {
    await payload.update({
      collection: 'categories',
      id: category.caterers!,
      data: { name: 'Event Caterers' },
    })
    await runSearchJobs()
    const { body } = await search('query=Northland%20Feast')
    expect(body.data.vendors[0].categories).toEqual([{ slug: 'caterers', name: 'Event Caterers' }])
  })

  describe('with the engine down', () => {
    let peer: MeiliPeer
    let original: SearchEngine

    beforeAll(async () => {
      peer = await startMeiliPeer()
      original = getSearchEngine(payload)
      setSearchEngine(
        payload,
        meilisearchEngine({ host: peer.url, apiKey: peer.apiKey, indexPrefix: 'outage' }),
      )
      await rebuildSearchIndex(payload)
    })

    afterAll(async () => {
      setSearchEngine(payload, original)
      await peer.close()
    })

    const indexedIds = () =>
      [...peer.indexes.get('outage_vendors')!.docs.keys()].map(Number).sort((a, b) => a - b)
    const activeIds = async () =>
      (
        await payload.find({
          collection: 'vendors',
          where: { status: { equals: 'active' } },
          limit: 100,
          depth: 0,
        })
      ).docs
        .map((v) => v.id)
        .sort((a, b) => a - b)

    it('keeps accepting vendor writes and catches up when the engine is back', async () => {
      expect(indexedIds()).toEqual(await activeIds())
      peer.failing = true

      const { token } = await createUser(payload, rest, 'vendor')
      const created = await rest.post('/api/vendors', {
        token,
        body: {
          businessName: 'Outage Photo Booths',
          categories: [category.photographers],
          location: { city: 'Wellington', region: 'wellington', ...PLACES.wellington },
          status: 'active',
        },
      })
      expect(created.status).toBe(201)
      const updated = await rest.patch(`/api/vendors/${created.body.doc.id}`, {
        token,
        body: { tagline: 'Booths for any party' },
      })
      expect(updated.status).toBe(200)
      const [hutt] = (
        await payload.find({
          collection: 'vendors',
          where: { businessName: { equals: 'Hutt Valley Photographers' } },
        })
      ).docs
      await payload.update({ collection: 'vendors', id: hutt!.id, data: { status: 'inactive' } })
      const [wairarapa] = (
        await payload.find({
          collection: 'vendors',
          where: { businessName: { like: 'Wairarapa' } },
        })
      ).docs
      await payload.delete({ collection: 'vendors', id: wairarapa!.id })

      await runSearchJobs()
      const waiting = await payload.find({
        collection: 'payload-jobs',
        where: { and: [{ queue: { equals: 'search' } }, { completedAt: { exists: false } }] },
        overrideAccess: true,
      })
      expect(waiting.totalDocs).toBeGreaterThan(0)
      expect(waiting.docs.every((job) => job.waitUntil)).toBe(true)
      expect(indexedIds()).not.toEqual(await activeIds())

      peer.failing = false
      const pending = async () =>
        (
          await payload.count({
            collection: 'payload-jobs',
            where: {
              and: [
                { taskSlug: { equals: 'searchSyncVendors' } },
                { completedAt: { exists: false } },
              ],
            },
            overrideAccess: true,
          })
        ).totalDocs
      const deadline = Date.now() + 30_000
      while (Date.now() < deadline && (await pending()) > 0) {
        await runSearchJobs()
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      expect(await pending()).toBe(0)
      expect(indexedIds()).toEqual(await activeIds())
      const stored = peer.indexes.get('outage_vendors')!.docs.get(String(created.body.doc.id))!
      expect(stored.tagline).toBe('Booths for any party')
    })
  })
})

describe('index health and rebuild', () => {
  it('shows admins the health and lets them rebuild; refuses everyone else', async () => {
    const { token: adminToken } = await createUser(payload, rest, 'admin')
    const { token: vendorToken } = await createUser(payload, rest, 'vendor')
    expect((await rest.get('/api/vendors/search/health', { token: vendorToken })).status).toBe(403)
    expect((await rest.get('/api/vendors/search/health')).status).toBe(403)
    expect((await rest.post('/api/vendors/search/reindex', { token: vendorToken })).status).toBe(
      403,
    )

    const queued = await rest.post('/api/vendors/search/reindex', { token: adminToken })
    expect(queued.status).toBe(202)
    await runSearchJobs()
    const { status, body } = await rest.get('/api/vendors/search/health', { token: adminToken })
    expect(status).toBe(200)
    expect(body.data).toEqual(
      expect.objectContaining({
        engine: 'postgres',
        reachable: true,
        pendingJobs: 0,
        failedJobs: 0,
        inSync: true,
      }),
    )
    expect(body.data.documentsInIndex).toBe(body.data.documentsInDatabase)
  })
})
