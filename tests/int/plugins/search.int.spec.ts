import { REST_GET } from '@payloadcms/next/routes'
import { createLocalReq, type Payload } from 'payload'

import { searchJobs } from '../../../plugins/search'
import { inDays } from '../../helpers/dates'
import { startPayload, type TestContext } from '../../helpers/payload'

let ctx: TestContext
let payload: Payload
const ids: Record<string, number> = {}

/**
 * The generated types describe the app's collections; this config's are smaller, so documents
 * are created from plain data.
 */
const create = async (collection: string, data: Record<string, unknown>) =>
  (await payload.create({ collection, data } as Parameters<Payload['create']>[0])) as { id: number }

/** Index updates go through the Jobs Queue (the outbox); the tests apply them when they choose. */
const applyIndexUpdates = () => payload.jobs.run({ queue: 'search', limit: 100 })

/**
 * A GET through Payload's own REST handler. The app's route guard (tests/helpers/rest.ts)
 * counts rate limits, a plugin this config does not have.
 */
const get = async (url: string) => {
  const slug = url
    .split('?')[0]!
    .replace(/^\/api\//, '')
    .split('/')
  const response = await REST_GET(ctx.config)(new Request(`http://localhost:3000${url}`), {
    params: Promise.resolve({ slug }),
  })
  return { status: response.status, body: await response.json() }
}

const findVendors = async (params: string) => {
  const res = await get(`/api/vendors/search?${params}`)
  if (res.status !== 200) throw new Error(JSON.stringify(res.body))
  return res.body.data as {
    vendors: { id: number; location: { regionLabel: string } }[]
    total: number
    facets: { regions: { value: string; label: string; count: number }[] }
  }
}

beforeAll(async () => {
  ctx = await startPayload('search-plugin', () => import('./search/config'))
  payload = ctx.payload
  const music = await create('categories', { name: 'Music', slug: 'music' })
  const brass = await create('categories', {
    name: 'Brass bands',
    slug: 'brass-bands',
    parent: music.id,
  })
  ids.brassBand = (
    await create('vendors', {
      businessName: 'Harbour Brass Band',
      categories: [brass.id],
      location: { city: 'Harbourton', region: 'north', lat: -36.8, lng: 174.7 },
      priceRange: 'high',
      tier: 'spotlight',
    })
  ).id
  ids.strings = (
    await create('vendors', {
      businessName: 'Southern Strings',
      location: { city: 'Southport', region: 'south', lat: -45.8, lng: 170.5 },
    })
  ).id
  ids.drafted = (
    await create('vendors', {
      businessName: 'Draft Drums',
      status: 'draft',
      location: { city: 'Southport', region: 'south' },
    })
  ).id
  ids.party = (
    await create('jobs', {
      title: 'Brass band for a garden party',
      eventType: 'party',
      eventDate: inDays(60),
      location: { city: 'Harbourton', region: 'north' },
      categories: [brass.id],
      status: 'published',
      publishedAt: new Date().toISOString(),
    })
  ).id
  await create('jobs', {
    title: 'Brass quintet for a wedding',
    eventType: 'wedding',
    eventDate: inDays(90),
    location: { city: 'Southport', region: 'south' },
  })
  await applyIndexUpdates()
})

afterAll(async () => {
  await ctx?.stop()
})

describe('the search plugin under a config of its own', () => {
  it('indexes active vendors as they are saved and finds them by words and category', async () => {
    const all = await findVendors('')
    // The spotlight vendor's boost puts it first.
    expect(all.vendors.map((v) => v.id)).toEqual([ids.brassBand, ids.strings])
    expect((await findVendors('q=brass')).vendors.map((v) => v.id)).toEqual([ids.brassBand])
    // A top-level category finds the vendors of its sub-categories.
    expect((await findVendors('category=music')).vendors.map((v) => v.id)).toEqual([ids.brassBand])
    expect((await findVendors('q=drums')).total).toBe(0)
  })

  it('labels regions with the options it was given, and validates against them', async () => {
    const found = await findVendors('q=brass')
    expect(found.vendors[0]!.location.regionLabel).toBe('The North')
    expect(found.facets.regions).toEqual([{ value: 'north', label: 'The North', count: 1 }])
    const unknown = await get('/api/vendors/search?region=wellington')
    expect(unknown.status).toBe(400)
  })

  it('keeps the job board to published jobs, for people signed in', async () => {
    const req = await createLocalReq({}, payload)
    const board = await searchJobs(req, { q: 'brass' })
    expect(board.data.jobs.map((job) => job.id)).toEqual([ids.party])
    expect(board.data.jobs[0]).toMatchObject({ eventTypeLabel: 'Party', regionLabel: 'The North' })
    expect(board.data.facets.eventTypes).toEqual([{ value: 'party', label: 'Party', count: 1 }])
    expect((await get('/api/jobs/search?q=brass')).status).toBe(401)
  })

  it('takes a deleted vendor out of the index', async () => {
    await payload.delete({ collection: 'vendors', id: ids.strings! })
    await applyIndexUpdates()
    expect((await findVendors('')).vendors.map((v) => v.id)).toEqual([ids.brassBand])
  })
})
