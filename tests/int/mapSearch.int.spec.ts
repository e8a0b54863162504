import type { Payload } from 'payload'

import type { Vendor } from '../../src/payload-types'
import { startPayload, type TestContext } from '../helpers/payload'
import { type RestClient, restClient } from '../helpers/rest'
import { PLACES } from '../helpers/searchFixtures'

/**
 * Issue 20's map and places through the real search route: suburbs resolve, the map's bounds
 * narrow a search without dropping its other filters, and the route's contract holds (a place
 * we do not know and a malformed area are still 400s naming the field).
 */

let ctx: TestContext
let payload: Payload
let rest: RestClient
const category: Record<string, number> = {}

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
  return body.data.vendors.map((v: { businessName: string }) => v.businessName).sort()
}

beforeAll(async () => {
  ctx = await startPayload('map-search')
  payload = ctx.payload
  rest = restClient(ctx.config)
  const make = async (name: string, slug: string, parent?: number) =>
    (await payload.create({ collection: 'categories', data: { name, slug, parent } })).id
  category.photoVideo = await make('Photography & Video', 'photography-video')
  category.photographers = await make('Photographers', 'photographers', category.photoVideo)
  category.food = await make('Food & Drink', 'food-drink')
  category.caterers = await make('Caterers', 'caterers', category.food)
  await vendor({ businessName: 'Cuba Street Photography' })
  await vendor({ businessName: 'Cuba Street Catering', categories: [category.caterers!] })
  await vendor({
    businessName: 'Masterton Photography',
    location: { city: 'Masterton', region: 'wellington', ...PLACES.masterton },
  })
  await vendor({
    businessName: 'Ponsonby Portraits',
    location: { city: 'Auckland', region: 'auckland', ...PLACES.auckland },
  })
  await payload.jobs.run({ queue: 'search', limit: 500 })
})

afterAll(async () => {
  await ctx?.stop()
})

describe('places the search knows', () => {
  it('finds vendors near a suburb: Te Aro, Ponsonby', async () => {
    const { status, body } = await search('near=Te%20Aro')
    expect(status).toBe(200)
    expect(body.meta.location).toEqual(expect.objectContaining({ name: 'Te Aro' }))
    expect(await hitNames('near=Te%20Aro')).toEqual([
      'Cuba Street Catering',
      'Cuba Street Photography',
    ])
    expect(await hitNames('near=Ponsonby')).toEqual(['Ponsonby Portraits'])
  })

  it('still answers a place it does not know with a 400 naming the field', async () => {
    const { status, body } = await search('near=Welington')
    expect(status).toBe(400)
    expect(body.error.details).toEqual([
      expect.objectContaining({
        field: 'location.place',
        message: expect.stringContaining('Welington'),
      }),
    ])
  })
})

describe('searching the map’s area', () => {
  const wellingtonArea = 'bounds=-41.40,174.60,-41.20,174.90'

  it('returns only the vendors inside the bounds, with the other filters kept', async () => {
    expect(await hitNames(wellingtonArea)).toEqual([
      'Cuba Street Catering',
      'Cuba Street Photography',
    ])
    expect(await hitNames(`${wellingtonArea}&category=photographers`)).toEqual([
      'Cuba Street Photography',
    ])
    expect(await hitNames('bounds=-41.10,175.50,-40.80,175.80')).toEqual(['Masterton Photography'])
  })

  it.each([
    ['three numbers', 'bounds=-41.4,174.6,-41.2'],
    ['south north of north', 'bounds=-41.2,174.6,-41.4,174.9'],
    ['words', 'bounds=south,west,north,east'],
  ])('refuses a malformed area (%s) with a 400, never a 500', async (_, params) => {
    const { status, body } = await search(params)
    expect(status).toBe(400)
    expect(body.success).toBe(false)
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'bounds' })])
  })
})
