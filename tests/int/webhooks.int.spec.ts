import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'
import { Webhook } from 'standardwebhooks'

import { MARKETPLACE_QUEUE } from '../../src/lib/kit/email'
import { idOf } from '../../src/lib/kit/ids'
import { guardedLookup } from '../../src/lib/kit/publicAddress'
import { eraseAccount } from '../../src/lib/privacy/erasure/erase'
import { removeOldWebhookDeliveries } from '../../src/lib/privacy/retention/apply'
import { checkedAgainstDocument, webhookChecker } from '../helpers/contract'
import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'

// The receivers below listen on 127.0.0.1: the documented setting that lets tests use it.
// Every other private address stays refused.
process.env.WEBHOOKS_ALLOWED_PRIVATE_ADDRESSES = '127.0.0.1'

type Account = Awaited<ReturnType<typeof createUser>>
type Received = { path: string; headers: Record<string, string>; body: string; answered: number }

let ctx: TestContext
let payload: Payload
let rest: RestClient
let server: http.Server
let base: string
let categoryId: number
let organizer: Account
let vendor: Account & { vendorId: number }
let otherVendor: Account & { vendorId: number }
let admin: Account

const received: Received[] = []
/** Per event id: how many times `/flaky` has been asked to take it. */
const flakyTries = new Map<string, number>()

const answer = (path: string, webhookId: string): { status: number; location?: string } => {
  if (path === '/flaky') {
    const tries = (flakyTries.get(webhookId) ?? 0) + 1
    flakyTries.set(webhookId, tries)
    return { status: tries <= 2 ? 503 : 204 }
  }
  if (path === '/down') return { status: 500 }
  if (path === '/redirect') return { status: 302, location: 'http://10.0.0.1/hooks' }
  return { status: 204 }
}

const receiver = (request: http.IncomingMessage, response: http.ServerResponse) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const path = request.url ?? '/'
    const headers = request.headers as Record<string, string>
    const { status, location } = answer(path, headers['webhook-id'] ?? '')
    received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8'), answered: status })
    response.writeHead(status, location ? { location } : {})
    response.end()
  })
}

const db = () => (payload.db as unknown as PostgresAdapter).drizzle
const runQueue = () => payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 100 })

/** Time passes: every retry that waits falls due now. */
const timePasses = async () => {
  await db().execute(
    sql`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE status = 'pending'`,
  )
  await db().execute(
    sql`UPDATE payload_jobs SET wait_until = now() - interval '1 second' WHERE wait_until > now()`,
  )
}

/** Runs the queue, with time passing between runs, until nothing waits to be sent. */
const deliverEverything = async () => {
  for (let round = 0; round < 12; round++) {
    await runQueue()
    const { totalDocs } = await payload.count({
      collection: 'webhook-deliveries',
      where: { status: { equals: 'pending' } },
      overrideAccess: true,
    })
    if (totalDocs === 0) return
    await timePasses()
  }
}

/** What an endpoint took (answered 2xx), verified with its secret, as a receiver would. */
const accepted = (path: string, secret: string) =>
  received
    .filter((hit) => hit.path === path && hit.answered < 300)
    .map((hit) => {
      const event = new Webhook(secret).verify(hit.body, hit.headers) as {
        type: string
        timestamp: string
        data: Record<string, unknown> & { id: number }
      }
      return { id: hit.headers['webhook-id']!, ...event }
    })

const register = async (who: Account, path: string, events: string[], auth = {}) => {
  const res = await rest.post('/api/webhook-endpoints', {
    token: who.token,
    ...auth,
    body: { url: `${base}${path}`, events, description: `Test receiver ${path}` },
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.body))
  return { id: res.body.doc.id as number, secret: res.body.doc.secret as string }
}

const ALL_EVENTS = [
  'vendor.updated',
  'job.published',
  'job.closed',
  'quote.submitted',
  'quote.accepted',
  'quote.declined',
  'booking.created',
  'booking.cancelled',
  'booking.completed',
  'review.published',
  'message.created',
]

beforeAll(async () => {
  server = http.createServer(receiver)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  ctx = await startPayload('webhooks')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  const vendorAccount = await createUser(payload, rest, 'vendor')
  const otherAccount = await createUser(payload, rest, 'vendor')
  admin = await createUser(payload, rest, 'admin')
  vendor = {
    ...vendorAccount,
    vendorId: (
      await createVendor(payload, vendorAccount.user.id, categoryId, {
        businessName: 'Kōwhai Frames',
      })
    ).id,
  }
  otherVendor = {
    ...otherAccount,
    vendorId: (
      await createVendor(payload, otherAccount.user.id, categoryId, { businessName: 'Tūī Lens' })
    ).id,
  }
})

afterAll(async () => {
  await ctx?.stop()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

describe('registering an endpoint', () => {
  it('lets a vendor register one with their API key and shows the secret only in that answer', async () => {
    const apiKey = `webhooks-${Date.now().toString(36)}-0123456789abcdef`
    const keyed = await rest.patch(`/api/users/${vendor.user.id}`, {
      token: vendor.token,
      body: { enableAPIKey: true, apiKey },
    })
    expect(keyed.status).toBe(200)
    const res = await rest.post('/api/webhook-endpoints', {
      apiKey,
      body: { url: `${base}/keyed`, events: ['vendor.updated'], owner: otherVendor.user.id },
    })
    expect(res.status).toBe(201)
    expect(res.body.doc.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(idOf(res.body.doc.owner)).toBe(vendor.user.id)
    const id = res.body.doc.id

    const read = await rest.get(`/api/webhook-endpoints/${id}`, { apiKey })
    expect(read.status).toBe(200)
    expect(read.body.url).toBe(`${base}/keyed`)
    expect(JSON.stringify(read.body)).not.toContain('whsec_')
    const listed = await rest.get('/api/webhook-endpoints', { token: admin.token })
    expect(JSON.stringify(listed.body)).not.toContain('whsec_')

    expect(
      (await rest.get(`/api/webhook-endpoints/${id}`, { token: otherVendor.token })).status,
    ).toBe(404)
    const theirs = await rest.get('/api/webhook-endpoints', { token: otherVendor.token })
    expect(theirs.body.docs.map((doc: { id: number }) => doc.id)).not.toContain(id)
    const moved = await rest.patch(`/api/webhook-endpoints/${id}`, {
      token: otherVendor.token,
      body: { url: `${base}/stolen` },
    })
    // Payload's answer when a rule hides the document: refused, the address unchanged.
    expect(moved.status).toBe(403)
    expect((await rest.get(`/api/webhook-endpoints/${id}`, { apiKey })).body.url).toBe(
      `${base}/keyed`,
    )
    expect(
      (await rest.delete(`/api/webhook-endpoints/${id}`, { token: vendor.token })).status,
    ).toBe(200)
  })

  it('refuses organizers, signed-out callers and a secret of the caller’s choosing', async () => {
    const body = { url: `${base}/x`, events: ['job.published'] }
    expect(
      (await rest.post('/api/webhook-endpoints', { token: organizer.token, body })).status,
    ).toBe(403)
    expect((await rest.post('/api/webhook-endpoints', { body })).status).toBe(403)
    const chosen = await rest.post('/api/webhook-endpoints', {
      token: vendor.token,
      body: { ...body, secret: 'whsec_bWluZW1pbmVtaW5lbWluZW1pbmVtaW5lbWluZTE=' },
    })
    expect(chosen.status).toBe(201)
    expect(chosen.body.doc.secret).not.toContain('bWluZW1pbmVtaW5l')
    const stored = await payload.findByID({
      collection: 'webhook-endpoints',
      id: chosen.body.doc.id,
      showHiddenFields: true,
      overrideAccess: true,
    })
    expect((stored as unknown as { secret: string }).secret).toBe(chosen.body.doc.secret)
    await rest.delete(`/api/webhook-endpoints/${chosen.body.doc.id}`, { token: vendor.token })
    const unknownEvent = await rest.post('/api/webhook-endpoints', {
      token: vendor.token,
      body: { ...body, events: ['vendor.deleted'] },
    })
    expect(unknownEvent.status).toBe(400)
  })

  it.each([
    ['ftp://127.0.0.1/hooks', /https/],
    ['https://user:pass@example.com/hooks', /user name and password/],
    ['https://10.0.0.5/hooks', /public internet/],
    ['https://192.168.1.20/hooks', /public internet/],
    ['https://169.254.169.254/latest/meta-data', /public internet/],
    ['https://[::1]/hooks', /public internet/],
    ['https://[::ffff:10.0.0.1]/hooks', /public internet/],
    ['https://0.0.0.0/hooks', /public internet/],
    ['https://100.64.0.1/hooks', /public internet/],
    ['not a url', /not a web address/],
  ])('refuses %s as a destination', async (url, reason) => {
    const res = await rest.post('/api/webhook-endpoints', {
      token: vendor.token,
      body: { url, events: ['vendor.updated'] },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(reason)
  })

  it.each([
    ['http://example.com/hooks', /https/],
    ['https://example.com:8443/hooks', /port 443/],
  ])(
    'keeps https on port 443 for every host the tests’ setting does not list: %s',
    async (url, reason) => {
      const res = await rest.post('/api/webhook-endpoints', {
        token: vendor.token,
        body: { url, events: ['vendor.updated'] },
      })
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body)).toMatch(reason)
    },
  )

  it('lets one account register up to 10 endpoints', async () => {
    const busy = await createUser(payload, rest, 'vendor')
    for (let i = 0; i < 10; i++) await register(busy, `/many-${i}`, ['vendor.updated'])
    const eleventh = await rest.post('/api/webhook-endpoints', {
      token: busy.token,
      body: { url: `${base}/many-10`, events: ['vendor.updated'] },
    })
    expect(eleventh.status).toBe(409)
    expect(JSON.stringify(eleventh.body)).toMatch(/up to 10/)
  })

  it('refuses moving an endpoint to a private address later', async () => {
    const { id } = await register(vendor, '/later', ['vendor.updated'])
    const moved = await rest.patch(`/api/webhook-endpoints/${id}`, {
      token: vendor.token,
      body: { url: 'https://172.16.0.9/hooks' },
    })
    expect(moved.status).toBe(400)
    await rest.delete(`/api/webhook-endpoints/${id}`, { token: vendor.token })
  })

  it('checks every address a name resolves to when connecting, not only when registering', async () => {
    const refusal = () => new Error('refused')
    const lookup = guardedLookup((address) => !/^(127\.|::1$)/.test(address), refusal)
    const failure = await new Promise<Error | null>((resolve) =>
      lookup('localhost', { all: false }, (error) => resolve(error as Error | null)),
    )
    expect(failure?.message).toBe('refused')
  })
})

describe('delivering events', () => {
  let flaky: { id: number; secret: string }
  let other: { id: number; secret: string }
  let platform: { id: number; secret: string }
  let jobId: number
  let quoteId: number
  let bookingId: number
  let messageId: number

  beforeAll(async () => {
    flaky = await register(vendor, '/flaky', [
      'quote.submitted',
      'quote.accepted',
      'booking.created',
      'booking.cancelled',
      'message.created',
    ])
    other = await register(otherVendor, '/other', ALL_EVENTS)
    platform = await register(admin, '/admin', ALL_EVENTS)

    jobId = await publishWeddingJob(rest, organizer.token, { categoryId })
    quoteId = await sendQuote(rest, vendor.token, jobId)
    const acceptedQuote = await rest.post(`/api/applications/${quoteId}/accept`, {
      token: organizer.token,
    })
    expect(acceptedQuote.status).toBe(200)
    bookingId = acceptedQuote.body.data.booking.id
    const thread = await rest.post('/api/messages/threads', {
      token: organizer.token,
      body: { vendor: vendor.vendorId, body: 'Kia ora! Can you arrive by 2pm on the day?' },
    })
    expect(thread.status).toBe(201)
    messageId = thread.body.data.message.id
    const cancelled = await rest.post(`/api/bookings/${bookingId}/cancel`, {
      token: organizer.token,
      body: { reason: 'Our venue flooded and the wedding is postponed to next year.' },
    })
    expect(cancelled.status).toBe(200)
    await deliverEverything()
  })

  it('delivers each event once, signed, despite a receiver that fails twice first', () => {
    const took = accepted('/flaky', flaky.secret)
    expect(took.map((event) => event.type).sort()).toEqual(
      [
        'booking.cancelled',
        'booking.created',
        'message.created',
        'quote.accepted',
        'quote.submitted',
      ].sort(),
    )
    expect(new Set(took.map((event) => event.id)).size).toBe(took.length)
    for (const event of took) {
      const attempts = received.filter(
        (hit) => hit.headers['webhook-id'] === event.id && hit.path === '/flaky',
      )
      expect(attempts.map((hit) => hit.answered)).toEqual([503, 503, 204])
    }
    expect(took.find((event) => event.type === 'message.created')!.data.body).toMatch(
      /arrive by 2pm/,
    )
    expect(took.find((event) => event.type === 'quote.submitted')!.data.id).toBe(quoteId)
    expect(took.find((event) => event.type === 'message.created')!.data.id).toBe(messageId)
  })

  it('sends bodies the API reference describes, for every event it lists', async () => {
    const checker = await webhookChecker(rest)
    expect(checker.events.sort()).toEqual([...ALL_EVENTS].sort())
    const bodies = [
      ...accepted('/flaky', flaky.secret),
      ...accepted('/other', other.secret),
      ...accepted('/admin', platform.secret),
    ].map(({ id: _id, ...event }) => event)
    expect(bodies.length).toBeGreaterThan(10)
    for (const body of bodies) expect([body.type, checker.problems(body)]).toEqual([body.type, []])
    expect(checker.problems({ type: 'quote.submitted', data: {} } as never)).not.toEqual([])
  })

  it('keeps the order of events about one resource', () => {
    const order = accepted('/flaky', flaky.secret).map((event) => event.type)
    expect(order.indexOf('quote.submitted')).toBeLessThan(order.indexOf('quote.accepted'))
    expect(order.indexOf('booking.created')).toBeLessThan(order.indexOf('booking.cancelled'))
  })

  it('logs each delivery with its attempts and the answer', async () => {
    const log = await rest.get('/api/webhook-deliveries?limit=50', { token: vendor.token })
    expect(log.status).toBe(200)
    const mine = log.body.docs.filter(
      (doc: { endpoint: unknown }) => idOf(doc.endpoint) === flaky.id,
    )
    expect(mine).toHaveLength(5)
    for (const delivery of mine) {
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 })
    }
    expect(
      log.body.docs.every((doc: { owner: unknown }) => idOf(doc.owner) === vendor.user.id),
    ).toBe(true)
    const peek = await rest.get(`/api/webhook-deliveries/${mine[0].id}`, {
      token: otherVendor.token,
    })
    expect(peek.status).toBe(404)
    const filtered = await rest.get(
      `/api/webhook-deliveries?where[owner][equals]=${vendor.user.id}`,
      { token: otherVendor.token },
    )
    expect(filtered.body.docs).toHaveLength(0)
  })

  it('sends another vendor only what is on their board, and nothing of others’ quotes, bookings or messages', () => {
    const theirs = accepted('/other', other.secret)
    expect(theirs.map((event) => event.type).sort()).toEqual(['job.closed', 'job.published'])
    const published = theirs.find((event) => event.type === 'job.published')!
    expect(published.data.id).toBe(jobId)
    // The street address is the organizer's and the booked vendor's only.
    expect(JSON.stringify(published.data)).not.toContain('Marine Parade')
    expect(JSON.stringify(theirs)).not.toContain('arrive by 2pm')
  })

  it('sends an admin the platform’s events, but not other people’s private messages', () => {
    const types = accepted('/admin', platform.secret).map((event) => event.type)
    expect(types).toEqual(
      expect.arrayContaining([
        'job.published',
        'quote.submitted',
        'quote.accepted',
        'booking.created',
        'job.closed',
        'booking.cancelled',
      ]),
    )
    expect(types).not.toContain('message.created')
    const job = accepted('/admin', platform.secret).find((event) => event.type === 'job.published')!
    expect(JSON.stringify(job.data)).toContain('Marine Parade')
  })

  it('shows an admin how a vendor’s deliveries went, but not the messages they carried', async () => {
    const { docs } = await payload.find({
      collection: 'webhook-deliveries',
      where: { and: [{ endpoint: { equals: flaky.id } }, { type: { equals: 'message.created' } }] },
      overrideAccess: true,
    })
    const id = docs[0]!.id
    const asAdmin = await rest.get(`/api/webhook-deliveries/${id}`, { token: admin.token })
    expect(asAdmin.status).toBe(200)
    expect(asAdmin.body).toMatchObject({ status: 'delivered', type: 'message.created' })
    expect(asAdmin.body.payload).toBeUndefined()
    expect(JSON.stringify(asAdmin.body)).not.toContain('arrive by 2pm')
    const viaGraphql = await rest.graphql(
      `{ WebhookDeliveries(limit: 100) { docs { id type payload } } }`,
      {},
      { token: admin.token },
    )
    expect(JSON.stringify(viaGraphql.body)).not.toContain('arrive by 2pm')
    const asOwner = await rest.get(`/api/webhook-deliveries/${id}`, { token: vendor.token })
    expect(JSON.stringify(asOwner.body.payload)).toContain('arrive by 2pm')
  })

  it('keeps endpoints and secrets from other vendors through GraphQL, filters and depth', async () => {
    const theirs = await rest.graphql(
      `{ WebhookEndpoints(limit: 100) { docs { id url } } WebhookDeliveries(limit: 100) { docs { id } } }`,
      {},
      { token: otherVendor.token },
    )
    const ids = theirs.body.data.WebhookEndpoints.docs.map((doc: { id: number }) => doc.id)
    expect(ids).toEqual([other.id])
    expect(JSON.stringify(theirs.body)).not.toContain('/flaky')
    const bySecret = await rest.get('/api/webhook-endpoints?where[secret][exists]=true', {
      token: vendor.token,
    })
    expect(bySecret.status).toBe(400)
    const deep = await rest.get('/api/webhook-deliveries?depth=2&limit=100', {
      token: vendor.token,
    })
    expect(deep.status).toBe(200)
    expect(JSON.stringify(deep.body)).not.toContain('whsec_')
  })

  it('writes no copy of what a delivery carries into the audit log when staff cause the event', async () => {
    const before = await payload.count({ collection: 'audit-log', overrideAccess: true })
    const changed = await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: admin.token,
      body: { tagline: 'Staff-corrected tagline for the audit test' },
    })
    expect(changed.status).toBe(200)
    const { docs } = await payload.find({
      collection: 'audit-log',
      sort: '-createdAt',
      limit: 20,
      overrideAccess: true,
    })
    const fresh = docs.slice(
      0,
      (await payload.count({ collection: 'audit-log', overrideAccess: true })).totalDocs -
        before.totalDocs,
    )
    expect(fresh.length).toBeGreaterThan(0)
    expect(fresh.map((entry) => entry.targetCollection)).not.toContain('webhook-deliveries')
    const { totalDocs } = await payload.count({
      collection: 'webhook-deliveries',
      where: { type: { equals: 'vendor.updated' } },
      overrideAccess: true,
    })
    expect(totalDocs).toBeGreaterThan(0)
  })

  it('refuses to send again what is still waiting', async () => {
    const endpoint = await register(vendor, '/down', ['vendor.updated'])
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tagline: 'A tagline for a waiting delivery' },
    })
    const { docs } = await payload.find({
      collection: 'webhook-deliveries',
      where: { endpoint: { equals: endpoint.id } },
      overrideAccess: true,
    })
    const again = await rest.post(`/api/webhook-deliveries/${docs[0]!.id}/resend`, {
      token: vendor.token,
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_QUEUED')
    await rest.delete(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
  })

  it('sends a delivery again with the same event id for its owner, and for no one else', async () => {
    const log = await rest.get(`/api/webhook-deliveries?where[endpoint][equals]=${flaky.id}`, {
      token: vendor.token,
    })
    const delivery = log.body.docs[0]
    expect(
      (
        await rest.post(`/api/webhook-deliveries/${delivery.id}/resend`, {
          token: otherVendor.token,
        })
      ).status,
    ).toBe(404)
    expect(
      (await rest.post(`/api/webhook-deliveries/${delivery.id}/resend`, { token: organizer.token }))
        .status,
    ).toBe(403)
    const again = await rest.post(`/api/webhook-deliveries/${delivery.id}/resend`, {
      token: vendor.token,
    })
    expect(again.status).toBe(202)
    expect(again.body.data.status).toBe('pending')
    const before = received.length
    await deliverEverything()
    const repeat = received.slice(before).filter((hit) => hit.path === '/flaky')
    expect(repeat.map((hit) => hit.headers['webhook-id'])).toEqual([delivery.eventId])
    expect(repeat[0]!.answered).toBe(204)
  })
})

describe('an endpoint that cannot be reached', () => {
  it('does not follow a redirect and retries later', async () => {
    const endpoint = await register(vendor, '/redirect', ['vendor.updated'])
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tagline: 'Natural wedding photography across Hawke’s Bay' },
    })
    await runQueue()
    const { docs } = await payload.find({
      collection: 'webhook-deliveries',
      where: { endpoint: { equals: endpoint.id } },
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 302 })
    expect(docs[0]!.lastError).toMatch(/redirect/)
    expect(new Date(docs[0]!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now())
    await rest.delete(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
  })

  it('refuses to connect to a private address even when the stored address became one', async () => {
    const endpoint = await register(vendor, '/moved', ['vendor.updated'])
    // As if the name had come to resolve to the cloud's metadata service after registering.
    await payload.db.updateOne({
      collection: 'webhook-endpoints',
      id: endpoint.id,
      data: { url: 'https://169.254.169.254/latest/meta-data' },
    })
    const before = received.length
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tagline: 'Relaxed, natural wedding photography' },
    })
    await runQueue()
    const { docs } = await payload.find({
      collection: 'webhook-deliveries',
      where: { endpoint: { equals: endpoint.id } },
      overrideAccess: true,
    })
    expect(docs[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null })
    expect(docs[0]!.lastError).toMatch(/private network/)
    // Only the admin's platform endpoint heard of the change.
    expect(received.slice(before).map((hit) => hit.path)).toEqual(['/admin'])
    await rest.delete(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
  })

  it('turns an endpoint off after 3 days of failures, emails its owner, and resumes when turned on', async () => {
    const endpoint = await register(vendor, '/down', ['vendor.updated'])
    await payload.db.updateOne({
      collection: 'webhook-endpoints',
      id: endpoint.id,
      data: {
        failingSince: new Date(Date.now() - 3 * 24 * 3_600_000 - 60_000).toISOString(),
        lastFailureAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
    })
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tagline: 'Wedding photography, Napier and Hastings' },
    })
    await runQueue()
    await runQueue()
    const off = await rest.get(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
    expect(off.body).toMatchObject({ enabled: false })
    expect(off.body.disabledReason).toMatch(/3 days/)
    expect(readMails(ctx.mailDir, vendor.email).join('\n')).toMatch(
      /webhook endpoint was turned off/,
    )

    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tagline: 'Still here while it is off' },
    })
    const { totalDocs } = await payload.count({
      collection: 'webhook-deliveries',
      where: { endpoint: { equals: endpoint.id } },
      overrideAccess: true,
    })
    expect(totalDocs).toBe(1)

    // Mended, and turned back on: what was waiting goes out then.
    const on = await rest.patch(`/api/webhook-endpoints/${endpoint.id}`, {
      token: vendor.token,
      body: { enabled: true, url: `${base}/mended` },
    })
    expect(on.body.doc).toMatchObject({ enabled: true, failingSince: null, disabledReason: null })
    await deliverEverything()
    const mended = received.filter((hit) => hit.path === '/mended')
    expect(mended).toHaveLength(1)
    expect(new Webhook(endpoint.secret).verify(mended[0]!.body, mended[0]!.headers)).toMatchObject({
      data: { tagline: 'Wedding photography, Napier and Hastings' },
    })
    await rest.delete(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
  })

  it('does not turn an endpoint off for one failure after a quiet spell', async () => {
    const endpoint = await register(vendor, '/down', ['vendor.updated'])
    // An old failure, then nothing for days: a new failure starts a new streak.
    await payload.db.updateOne({
      collection: 'webhook-endpoints',
      id: endpoint.id,
      data: {
        failingSince: new Date(Date.now() - 5 * 24 * 3_600_000).toISOString(),
        lastFailureAt: new Date(Date.now() - 4 * 24 * 3_600_000).toISOString(),
      },
    })
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tagline: 'Wedding photography after a quiet spell' },
    })
    await runQueue()
    const still = await rest.get(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
    expect(still.body.enabled).toBe(true)
    expect(Date.now() - new Date(still.body.failingSince).getTime()).toBeLessThan(60_000)
    await rest.delete(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
  })
})

describe('rotating the secret', () => {
  it('answers the new secret once and signs with both while the old one lasts', async () => {
    const endpoint = await register(vendor, '/rotating', ['vendor.updated'])
    const denied = await rest.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      token: otherVendor.token,
    })
    expect(denied.status).toBe(404)
    const rotated = await rest.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      token: vendor.token,
    })
    expect(rotated.status).toBe(200)
    const secret = rotated.body.data.secret as string
    expect(secret).toMatch(/^whsec_/)
    expect(secret).not.toBe(endpoint.secret)
    const before = received.length
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { tagline: 'Photography with a rotated secret' },
    })
    await deliverEverything()
    const hit = received.slice(before).find((one) => one.path === '/rotating')!
    expect(hit.headers['webhook-signature']!.split(' ')).toHaveLength(2)
    expect(new Webhook(secret).verify(hit.body, hit.headers)).toMatchObject({
      type: 'vendor.updated',
    })
    expect(new Webhook(endpoint.secret).verify(hit.body, hit.headers)).toBeTruthy()
    const stranger = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`)
    expect(() => stranger.verify(hit.body, hit.headers)).toThrow()
    await rest.delete(`/api/webhook-endpoints/${endpoint.id}`, { token: vendor.token })
  })
})

describe('what is kept', () => {
  it('deletes the log of deliveries untouched for 30 days, and keeps newer ones', async () => {
    const { docs } = await payload.find({
      collection: 'webhook-deliveries',
      where: { status: { equals: 'delivered' } },
      limit: 2,
      overrideAccess: true,
    })
    const [old, recent] = [docs[0]!, docs[1]!]
    await db().execute(
      sql`UPDATE webhook_deliveries SET updated_at = now() - interval '31 days' WHERE id = ${old.id}`,
    )
    await db().execute(
      sql`UPDATE webhook_deliveries SET updated_at = now() - interval '29 days' WHERE id = ${recent.id}`,
    )
    const removed = await removeOldWebhookDeliveries(await createLocalReq({}, payload))
    expect(removed).toBe(1)
    expect(
      await payload.findByID({
        collection: 'webhook-deliveries',
        id: old.id,
        overrideAccess: true,
        disableErrors: true,
      }),
    ).toBeNull()
    expect(
      await payload.findByID({
        collection: 'webhook-deliveries',
        id: recent.id,
        overrideAccess: true,
      }),
    ).toMatchObject({ id: recent.id })
  })

  it('erases an account’s endpoints and their log with the account', async () => {
    const mine = { owner: { equals: otherVendor.user.id } }
    expect(
      (await payload.count({ collection: 'webhook-deliveries', where: mine, overrideAccess: true }))
        .totalDocs,
    ).toBeGreaterThan(0)
    await eraseAccount(payload, otherVendor.user.id, { by: null })
    for (const collection of ['webhook-endpoints', 'webhook-deliveries'] as const) {
      const { totalDocs } = await payload.count({ collection, where: mine, overrideAccess: true })
      expect([collection, totalDocs]).toEqual([collection, 0])
    }
  })
})
