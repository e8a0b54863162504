import type { Payload } from 'payload'

import { inDays } from '../helpers/dates'
import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

/**
 * The examples from "What was seen" in issue 15, each a 4xx in the error format that names the
 * problem, with nothing stored. The fuzz suite covers the rest of the space.
 */

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let organizer: Account
let vendor: Account
let categoryId: number

const jobBody = () => ({
  title: 'Caterer for a 60th birthday',
  description: 'Finger food for 60 guests at our home in Havelock North.',
  eventType: 'birthday',
  eventDate: inDays(60),
  guestCount: 60,
  budgetMin: 1500,
  budgetMax: 3000,
  location: { city: 'Hastings' },
  categories: [categoryId],
})
const countJobs = async () => (await payload.count({ collection: 'jobs' })).totalDocs

beforeAll(async () => {
  ctx = await startPayload('client_mistakes')
  payload = ctx.payload
  rest = restClient(ctx.config)
  categoryId = (await createCategory(payload, 'Caterers')).id
  organizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  await createVendor(payload, vendor.user.id, categoryId)
})

afterAll(async () => {
  await ctx?.stop()
})

describe('ids the database cannot hold', () => {
  it.each([
    '/api/vendors/abc',
    '/api/vendors/1.5',
    '/api/vendors/2147483648',
    '/api/jobs/abc',
    '/api/categories/abc',
    '/api/reviews/abc',
    '/api/messages/threads/99999999999',
    '/api/messages/threads/%2e%2e/messages',
  ])('GET %s is a 404', async (url) => {
    const response = await rest.get(url, { token: organizer.token })
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('NOT_FOUND')
  })

  it('answers an apply to job 2147483648 with 404', async () => {
    const response = await rest.post('/api/jobs/2147483648/apply', {
      token: vendor.token,
      body: { message: 'Hello', lineItems: [] },
    })
    expect(response.status).toBe(404)
  })
})

describe('bodies', () => {
  it.each(['guestCount', 'budgetMin', 'budgetMax', 'eventDate'])(
    'refuse a job without its %s, naming it',
    async (field) => {
      const before = await countJobs()
      const body: Record<string, unknown> = jobBody()
      delete body[field]
      const response = await rest.post('/api/jobs', { token: organizer.token, body })
      expect(response.status).toBe(400)
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      )
      expect(await countJobs()).toBe(before)
    },
  )

  it.each([false, 42, 'a job', null])('refuse %j as a job', async (body) => {
    const before = await countJobs()
    const response = await rest.post('/api/jobs', { token: organizer.token, body })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('INVALID_INPUT')
    expect(await countJobs()).toBe(before)
  })

  it('refuse an object where an email or an id belongs', async () => {
    const signup = await rest.post('/api/users', {
      body: { email: { $ne: '' }, password: 'Kiwi-Events-2026!', firstName: 'A', lastName: 'B' },
    })
    expect(signup.status).toBe(400)
    expect(signup.body.error.details).toEqual([
      expect.objectContaining({ field: 'email', message: 'email must be text.' }),
    ])
    const review = await rest.post('/api/reviews', {
      token: organizer.token,
      body: { booking: { id: { $gt: 0 } } },
    })
    expect(review.status).toBeGreaterThanOrEqual(400)
    expect(review.status).toBeLessThan(500)
    const tooBig = await rest.post('/api/jobs', {
      token: organizer.token,
      body: { ...jobBody(), categories: [9007199254740993] },
    })
    expect(tooBig.status).toBe(400)
    expect(tooBig.body.error.details[0].field).toBe('categories')
  })

  it('refuse an empty required field behind a custom rule on update', async () => {
    const job = await rest.post('/api/jobs', { token: organizer.token, body: jobBody() })
    expect(job.status).toBe(201)
    const emptied = await rest.patch(`/api/jobs/${job.body.doc.id}`, {
      token: organizer.token,
      body: { guestCount: null },
    })
    expect(emptied.status).toBe(400)
    expect(emptied.body.error.details[0].field).toBe('guestCount')
  })

  it('refuse JSON that does not parse, in a where or a multipart _payload', async () => {
    const where = await rest.get('/api/jobs?where=abc', { token: organizer.token })
    expect([where.status, where.body.error.code]).toEqual([400, 'INVALID_JSON'])
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' }), 'x.png')
    form.append('_payload', '{"alt":')
    const upload = await rest.post('/api/media', { token: vendor.token, formData: form })
    expect([upload.status, upload.body.error.code]).toEqual([400, 'INVALID_JSON'])
  })
})

describe('filters', () => {
  it.each([
    ['where[businessName][all]=x', 'businessName', 'all'],
    ['where[rating.average][near]=abc', 'rating.average', 'near'],
    ['where[unavailableDates.from][within]=0x10', 'unavailableDates.from', 'within'],
    ['where[categories][like]=Infinity', 'categories', 'like'],
  ])('refuse %s, naming the field and the operator', async (query, field, operator) => {
    const response = await rest.get(`/api/vendors?${query}`)
    expect(response.status).toBe(400)
    expect(response.body.error.message).toContain(
      `"${field}" cannot be filtered with "${operator}"`,
    )
    expect(response.body.error.details[0].field).toBe(field)
  })

  it.each([
    ['where[guestCount][greater_than]=lots', 'must be a number'],
    ['where[eventDate][less_than]=2020-13-45', 'must be a date'],
    ['where[id][in]=1,abc', 'document id'],
    ['where[status][equals]=archived', 'must be one of'],
  ])('refuse %s with the value it needs', async (query, expected) => {
    const response = await rest.get(`/api/jobs?${query}`, { token: organizer.token })
    expect(response.status).toBe(400)
    expect(response.body.error.message).toContain(expected)
  })

  it.each(['OR', 'AND', 'Or'])(
    'check conditions grouped under %s like any other',
    async (group) => {
      const response = await rest.get(`/api/vendors?where[${group}][0][businessName][all]=x`)
      expect(response.status).toBe(400)
      const counted = await rest.get(
        `/api/vendors/count?where[${group}][0][id][equals]=99999999999`,
      )
      expect(counted.status).toBe(400)
    },
  )

  it('refuse a page beyond any result set', async () => {
    const response = await rest.get('/api/vendors?limit=1000000000000&page=1000000000000')
    expect(response.status).toBe(400)
  })

  it('take an empty list, which matches nothing', async () => {
    const found = await payload.find({ collection: 'jobs', where: { id: { in: [] } } })
    expect(found.totalDocs).toBe(0)
  })

  it('still answer a sound filter', async () => {
    const response = await rest.get('/api/vendors?where[rating.average][greater_than_equal]=0')
    expect(response.status).toBe(200)
  })
})

describe('accounts', () => {
  it('do not let a person unverify themselves', async () => {
    const response = await rest.patch(`/api/users/${organizer.user.id}`, {
      token: organizer.token,
      body: { _verified: false },
    })
    const user = await payload.findByID({ collection: 'users', id: organizer.user.id })
    expect(user._verified).toBe(true)
    expect(response.status).toBeLessThan(500)
    const login = await rest.post('/api/users/login', {
      body: { email: organizer.email, password: 'Kiwi-Events-2026!' },
    })
    expect(login.status).toBe(200)
  })
})

describe("Payload's own writes", () => {
  it('still pass the checks: the admin saving a preference', async () => {
    const user = { ...vendor.user, collection: 'users' as const }
    const saved = await payload.create({
      collection: 'payload-preferences',
      // As Payload's own write does, `user` names its collection `collection`, not `relationTo`.
      data: {
        key: 'collection-vendors',
        user: { collection: 'users', value: user.id },
        value: { limit: 10 },
      } as never,
      user,
      depth: 0,
    })
    expect(saved.key).toBe('collection-vendors')
  })
})
