import type { Payload } from 'payload'

import { idOf } from '@/lib/kit/ids'

import { inDays } from '../helpers/dates'
import { createCategory } from '../helpers/fixtures'
import { checkedAgainstDocument } from '../helpers/contract'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let categoryId: number
let organizer: Account
let otherOrganizer: Account
let vendor: Account
let moderator: Account

/** A job as the post-a-job form sends it. */
const jobBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Photographer for our garden wedding',
  description: 'Looking for a relaxed photographer for a 120-guest garden wedding in Napier.',
  eventType: 'wedding',
  eventDate: inDays(120),
  guestCount: 120,
  budgetMin: 2000,
  budgetMax: 4500,
  location: { city: 'Napier' },
  categories: [categoryId],
  applicationDeadline: inDays(60),
  ...overrides,
})

const post = async (who: Account, overrides: Record<string, unknown> = {}) =>
  rest.post('/api/jobs', { token: who.token, body: jobBody(overrides) })

const countJobs = async () => (await payload.count({ collection: 'jobs' })).totalDocs

beforeAll(async () => {
  ctx = await startPayload('jobs')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  moderator = await createUser(payload, rest, 'moderator')
})

afterAll(async () => {
  await ctx?.stop()
})

describe('posting a job', () => {
  it('saves an organizer’s job as their draft, placed from the town they name', async () => {
    const res = await post(organizer)
    expect(res.status).toBe(201)
    const job = res.body.doc
    expect(job.status).toBe('draft')
    expect(idOf(job.organizer)).toBe(organizer.user.id)
    expect(job.location).toMatchObject({ city: 'Napier', region: 'hawkes-bay' })
    expect(job.location.lat).toBeCloseTo(-39.49, 1)
    expect(
      job.history.map(
        (entry: { from: string | null; to: string; by: number | { id: number } }) => ({
          ...entry,
          by: idOf(entry.by),
        }),
      ),
    ).toEqual([expect.objectContaining({ from: null, to: 'draft', by: organizer.user.id })])
  })

  it('refuses vendors and anonymous visitors, storing nothing', async () => {
    const before = await countJobs()
    expect((await post(vendor)).status).toBe(403)
    expect((await rest.post('/api/jobs', { body: jobBody() })).status).toBe(403)
    expect(await countJobs()).toBe(before)
  })

  it.each([
    ['a minimum budget above the maximum', { budgetMin: 5000, budgetMax: 1000 }, 'budgetMax'],
    ['an event date in the past', { eventDate: inDays(-3) }, 'eventDate'],
    ['a 10,000-character title', { title: 'x'.repeat(10_000) }, 'title'],
    ['a negative guest count', { guestCount: -5 }, 'guestCount'],
    [
      'a quote deadline after the event',
      { applicationDeadline: inDays(200) },
      'applicationDeadline',
    ],
  ])('answers %s with 400 naming the field, storing nothing', async (_, overrides, field) => {
    const before = await countJobs()
    const res = await post(organizer, overrides)
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.errors)).toContain(field)
    expect(await countJobs()).toBe(before)
  })

  it('ignores a status or organizer sent in the body: a new job is always the poster’s draft', async () => {
    const res = await post(organizer, { status: 'published', organizer: otherOrganizer.user.id })
    expect(res.status).toBe(201)
    expect(res.body.doc.status).toBe('draft')
    expect(idOf(res.body.doc.organizer)).toBe(organizer.user.id)
  })
})

describe('publishing and closing', () => {
  let jobId: number

  beforeAll(async () => {
    jobId = (await post(organizer)).body.doc.id
  })

  it('keeps a draft from vendors and other organizers', async () => {
    expect((await rest.get(`/api/jobs/${jobId}`, { token: vendor.token })).status).toBe(404)
    expect((await rest.get(`/api/jobs/${jobId}`, { token: otherOrganizer.token })).status).toBe(404)
    expect((await rest.get(`/api/jobs/${jobId}`)).status).toBe(403)
  })

  it('refuses to publish for anyone but its organizer', async () => {
    expect((await rest.post(`/api/jobs/${jobId}/publish`)).status).toBe(401)
    expect((await rest.post(`/api/jobs/${jobId}/publish`, { token: vendor.token })).status).toBe(
      404,
    )
    expect(
      (await rest.post(`/api/jobs/${jobId}/publish`, { token: otherOrganizer.token })).status,
    ).toBe(404)
    expect((await payload.findByID({ collection: 'jobs', id: jobId })).status).toBe('draft')
  })

  it('publishes for its organizer, recording who and when, and shows it to vendors', async () => {
    const res = await rest.post(`/api/jobs/${jobId}/publish`, { token: organizer.token })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ success: true, data: { status: 'published' } })
    expect(res.body.data.publishedAt).toEqual(expect.any(String))
    expect(res.body.data.history).toHaveLength(2)
    expect(res.body.data.history.at(-1)).toMatchObject({
      from: 'draft',
      to: 'published',
      by: organizer.user.id,
    })
    const seen = await rest.get(`/api/jobs/${jobId}`, { token: vendor.token })
    expect(seen.status).toBe(200)
    // The street address and the history stay with the organizer.
    expect(seen.body.location.address).toBeUndefined()
    expect(seen.body.history ?? []).toEqual([])
    // Who posted it is an id to a vendor, never the organizer's account.
    expect(seen.body.organizer).toBe(organizer.user.id)
  })

  it('refuses to publish twice, with a reason', async () => {
    const res = await rest.post(`/api/jobs/${jobId}/publish`, { token: organizer.token })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({ code: 'INVALID_TRANSITION' })
    expect(res.body.error.message).toMatch(/already published/)
  })

  it('does not let a status be written through REST, GraphQL or the Local API as a user', async () => {
    const patch = await rest.patch(`/api/jobs/${jobId}`, {
      token: organizer.token,
      body: { status: 'filled' },
    })
    expect(patch.status).toBeLessThan(500)
    const gql = await rest.graphql(
      `mutation { updateJob(id: ${jobId}, data: { status: filled }) { status } }`,
      {},
      { token: organizer.token },
    )
    expect(gql.status).toBeLessThan(500)
    await payload.update({
      collection: 'jobs',
      id: jobId,
      data: { status: 'filled' },
      user: organizer.user,
      overrideAccess: false,
    })
    expect((await payload.findByID({ collection: 'jobs', id: jobId })).status).toBe('published')
  })

  it('closes for staff on an organizer’s behalf, and then is a record nobody edits', async () => {
    const byVendor = await rest.post(`/api/jobs/${jobId}/close`, { token: vendor.token })
    expect(byVendor.status).toBe(403)
    expect(byVendor.body.error.code).toBe('FORBIDDEN')
    const res = await rest.post(`/api/jobs/${jobId}/close`, { token: moderator.token })
    expect(res.status).toBe(200)
    expect(res.body.data.history.at(-1)).toMatchObject({
      from: 'published',
      to: 'closed',
      by: moderator.user.id,
    })
    const edit = await rest.patch(`/api/jobs/${jobId}`, {
      token: organizer.token,
      body: { title: 'Changed after closing' },
    })
    expect(edit.status).toBe(403)
    const reopen = await rest.post(`/api/jobs/${jobId}/publish`, { token: organizer.token })
    expect(reopen.status).toBe(409)
  })

  it('lists an organizer’s own jobs only', async () => {
    await post(otherOrganizer)
    const mine = await rest.get('/api/jobs?limit=50', { token: organizer.token })
    expect(mine.body.docs.length).toBeGreaterThan(0)
    for (const job of mine.body.docs) expect(idOf(job.organizer)).toBe(organizer.user.id)
  })

  it('answers a job id that is not a number with 404', async () => {
    const res = await rest.post('/api/jobs/abc/publish', { token: organizer.token })
    expect(res.status).toBe(404)
  })
})
