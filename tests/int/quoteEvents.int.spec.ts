import type { Payload } from 'payload'

import { getRealtime } from '../../plugins/realtime'
import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob } from '../helpers/marketplace'
import { type Heard, realtimeRecorder } from '../helpers/realtimeEvents'
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
let bystander: Account
const vendors: Account[] = []
const businessNames: string[] = []
const PHONE = '06 835 1234'

/** The ids and status a page needs to know it should read again; anything more is a leak. */
const ALLOWED_KEYS = ['applicationId', 'bookingId', 'jobId', 'status']

const channelOf = (account: Account) => `private-user-${account.user.id}`

const heardSince = realtimeRecorder(() => payload)

const summary = (heard: Heard[]) =>
  heard.map(({ channel, event, data }) => `${channel} ${event} ${String(data.status)}`).sort()

const publishedJob = () => publishWeddingJob(rest, organizer.token, { categoryId })

const quoteBody = {
  message: 'Relaxed, natural photographs of your day. Call me on 06 835 1234.',
  lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
}

const apply = async (who: Account, jobId: number) => {
  const res = await rest.post(`/api/jobs/${jobId}/apply`, { token: who.token, body: quoteBody })
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return res.body.data.id as number
}

const act = (who: Account, quoteId: number, action: string) =>
  rest.post(`/api/applications/${quoteId}/${action}`, { token: who.token })

let jobId: number
const quoteIds: number[] = []

beforeAll(async () => {
  ctx = await startPayload('quote_events')
  payload = ctx.payload
  rest = restClient(ctx.config)
  expect(getRealtime(payload).name).toBe('postgres')
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  for (let i = 0; i < 4; i += 1) {
    const vendor = await createUser(payload, rest, 'vendor')
    const name = `Aroha Photography ${i}`
    await createVendor(payload, vendor.user.id, categoryId, { businessName: name })
    vendors.push(vendor)
    businessNames.push(name)
  }
  bystander = await createUser(payload, rest, 'vendor')
  await createVendor(payload, bystander.user.id, categoryId, { businessName: 'Tūī Sounds' })
  jobId = await publishedJob()
  await heardSince()
})

afterAll(async () => {
  await ctx?.stop()
})

describe('what each quote action tells whom', () => {
  const everything: Heard[] = []
  const listen = async () => {
    const heard = await heardSince()
    everything.push(...heard)
    return heard
  }

  it('a new quote: the organizer hears of it, the vendor’s own tabs refresh', async () => {
    quoteIds[0] = await apply(vendors[0]!, jobId)
    const heard = await listen()
    expect(summary(heard)).toEqual(
      [
        `${channelOf(organizer)} application.created submitted`,
        `${channelOf(vendors[0]!)} quotes.changed submitted`,
      ].sort(),
    )
    expect(heard.every((h) => h.data.applicationId === quoteIds[0] && h.data.jobId === jobId)).toBe(
      true,
    )
  })

  it('an edited quote: both sides’ pages refresh', async () => {
    const res = await rest.put(`/api/applications/${quoteIds[0]}`, {
      token: vendors[0]!.token,
      body: { message: 'Relaxed, natural photographs, now with a second shooter.' },
    })
    expect(res.status).toBe(200)
    expect(summary(await listen())).toEqual(
      [
        `${channelOf(organizer)} application.updated submitted`,
        `${channelOf(vendors[0]!)} application.updated submitted`,
      ].sort(),
    )
  })

  it('shortlist and decline: the vendor hears the status, the organizer’s other tabs refresh', async () => {
    quoteIds[1] = await apply(vendors[1]!, jobId)
    quoteIds[2] = await apply(vendors[2]!, jobId)
    await listen()
    expect((await act(organizer, quoteIds[1]!, 'shortlist')).status).toBe(200)
    expect(summary(await listen())).toEqual(
      [
        `${channelOf(organizer)} quotes.changed shortlisted`,
        `${channelOf(vendors[1]!)} application.status shortlisted`,
      ].sort(),
    )
    expect((await act(organizer, quoteIds[2]!, 'decline')).status).toBe(200)
    expect(summary(await listen())).toEqual(
      [
        `${channelOf(organizer)} quotes.changed declined`,
        `${channelOf(vendors[2]!)} application.status declined`,
      ].sort(),
    )
  })

  it('a withdrawal reaches the organizer’s comparison as well as the vendor', async () => {
    quoteIds[3] = await apply(vendors[3]!, jobId)
    await listen()
    expect((await act(vendors[3]!, quoteIds[3]!, 'withdraw')).status).toBe(200)
    expect(summary(await listen())).toEqual(
      [
        `${channelOf(organizer)} quotes.changed withdrawn`,
        `${channelOf(vendors[3]!)} application.status withdrawn`,
      ].sort(),
    )
  })

  it('someone else’s action that is refused announces nothing', async () => {
    expect((await act(otherOrganizer, quoteIds[0]!, 'accept')).status).toBe(404)
    expect((await act(bystander, quoteIds[0]!, 'withdraw')).status).toBe(404)
    expect((await act(vendors[1]!, quoteIds[0]!, 'withdraw')).status).toBe(404)
    expect(await listen()).toEqual([])
  })

  it('an accept: a booking for both sides, the accepted and the declined vendors told', async () => {
    const res = await act(organizer, quoteIds[0]!, 'accept')
    expect(res.status).toBe(200)
    const bookingId = res.body.data.booking.id as number
    const heard = await listen()
    expect(summary(heard)).toEqual(
      [
        `${channelOf(organizer)} booking.created confirmed`,
        `${channelOf(vendors[0]!)} booking.created confirmed`,
        `${channelOf(organizer)} quotes.changed accepted`,
        `${channelOf(vendors[0]!)} application.status accepted`,
        // The shortlisted quote is declined by the accept.
        `${channelOf(organizer)} quotes.changed declined`,
        `${channelOf(vendors[1]!)} application.status declined`,
      ].sort(),
    )
    expect(heard.filter((h) => h.event === 'booking.created').map((h) => h.data)).toEqual([
      { bookingId, jobId, applicationId: quoteIds[0], status: 'confirmed' },
      { bookingId, jobId, applicationId: quoteIds[0], status: 'confirmed' },
    ])
  })

  it('a second accept on the filled job is refused and rolled back: nothing is announced', async () => {
    expect((await act(organizer, quoteIds[1]!, 'accept')).status).toBe(409)
    expect(await listen()).toEqual([])
  })

  it('never reaches anyone outside the quote, and carries no names, emails or phone numbers', () => {
    expect(everything.length).toBeGreaterThan(10)
    const parties = new Set([organizer, ...vendors].map(channelOf))
    expect(everything.filter((h) => !parties.has(h.channel))).toEqual([])
    expect(everything.some((h) => h.channel === channelOf(otherOrganizer))).toBe(false)
    expect(everything.some((h) => h.channel === channelOf(bystander))).toBe(false)
    for (const { data } of everything) {
      expect(Object.keys(data).filter((key) => !ALLOWED_KEYS.includes(key))).toEqual([])
      const text = JSON.stringify(data)
      for (const secret of [
        ...businessNames,
        organizer.email,
        ...vendors.map((v) => v.email),
        PHONE,
        'Test',
      ]) {
        expect(text).not.toContain(secret)
      }
    }
  })
})
