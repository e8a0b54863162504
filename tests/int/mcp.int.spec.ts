import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Payload } from 'payload'

import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { startPayload, type TestContext } from '../helpers/payload'
import { decodeSegment, restClient, type RestClient, routeHandlers } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let categoryId: number
let organizer: Account
let otherOrganizer: Account
let vendor: Account
let otherVendor: Account
let vendorKey: string
let jobId: number
let quoteId: number
let bookingId: number

/**
 * An MCP client as an assistant runs one: the SDK's Streamable HTTP transport, its requests
 * answered by the same route handlers `src/app/(payload)/api` exports.
 */
const connect = async (authorization?: string) => {
  const handlers = routeHandlers(ctx.config)
  const viaRoutes = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init)
    const { pathname } = new URL(request.url)
    const slug = pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
      .map(decodeSegment)
    const handler = handlers[request.method as 'GET' | 'POST' | 'DELETE']
    return handler(request, { params: Promise.resolve({ slug }) })
  }
  const client = new Client({ name: 'test-assistant', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('http://localhost:3000/api/mcp'), {
      fetch: viaRoutes,
      requestInit: authorization ? { headers: { Authorization: authorization } } : {},
    }),
  )
  return client
}

/** The JSON a tool answered in its one text part. */
const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
  const result = (await client.callTool({ name, arguments: args })) as {
    content: { type: string; text: string }[]
    isError?: boolean
  }
  const text = result.content[0]!.text
  return { isError: Boolean(result.isError), text }
}

/** The documents a find tool answered (`docs` of its JSON, or the one document). */
const found = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
  const { text } = await call(client, name, args)
  // A list is one fenced JSON block per document; one document is the JSON after its title.
  const blocks = [...text.matchAll(/```json\n(.*?)\n```/gs)].map((match) => match[1]!)
  const docs =
    blocks.length > 0 ? blocks : text.includes('{') ? [text.slice(text.indexOf('{'))] : []
  return docs.map((json) => JSON.parse(json) as Record<string, unknown> & { id: number })
}

beforeAll(async () => {
  ctx = await startPayload('mcp')
  payload = ctx.payload
  rest = restClient(ctx.config)
  categoryId = (await createCategory(payload, 'Wedding photographers')).id
  organizer = await createUser(payload, rest, 'organizer')
  otherOrganizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  otherVendor = await createUser(payload, rest, 'vendor')
  await createVendor(payload, vendor.user.id, categoryId, { businessName: 'Kōwhai Photography' })
  await createVendor(payload, otherVendor.user.id, categoryId, {
    businessName: 'Tūī Wedding Photography',
  })
  await createVendor(payload, (await createUser(payload, rest, 'vendor')).user.id, categoryId, {
    businessName: 'Harbour Catering',
  })
  await payload.jobs.run({ queue: 'search', limit: 100 })

  vendorKey = `mcp-${Date.now().toString(36)}-0123456789abcdef`
  const keyed = await rest.patch(`/api/users/${vendor.user.id}`, {
    token: vendor.token,
    body: { enableAPIKey: true, apiKey: vendorKey },
  })
  expect(keyed.status).toBe(200)

  jobId = await publishWeddingJob(rest, organizer.token, { categoryId })
  quoteId = await sendQuote(rest, vendor.token, jobId)
  const accepted = await rest.post(`/api/applications/${quoteId}/accept`, {
    token: organizer.token,
  })
  bookingId = accepted.body.data.booking.id
  // Someone else's job, quote and booking, which neither of them may read.
  const elsewhere = await publishWeddingJob(rest, otherOrganizer.token, { categoryId })
  const theirQuote = await sendQuote(rest, otherVendor.token, elsewhere)
  await rest.post(`/api/applications/${theirQuote}/accept`, { token: otherOrganizer.token })
})

afterAll(async () => {
  await ctx?.stop()
})

describe('the MCP server at /api/mcp', () => {
  it('lists its tools to any assistant', async () => {
    const client = await connect()
    const { tools } = await client.listTools()
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        'findApplications',
        'findBookings',
        'findJobs',
        'findReviews',
        'findVendors',
        'searchVendors',
      ].sort(),
    )
    const search = tools.find((tool) => tool.name === 'searchVendors')!
    expect(Object.keys(search.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['q', 'category', 'near', 'region', 'page', 'limit']),
    )
    await client.close()
  })

  it('finds the same vendors as the REST search', async () => {
    const client = await connect()
    for (const query of [{ q: 'photography' }, { q: 'catering' }, { q: 'photography', limit: 1 }]) {
      const { isError, text } = await call(client, 'searchVendors', query)
      expect(isError).toBe(false)
      const viaMcp = JSON.parse(text) as { vendors: { id: number }[]; total: number }
      const params = new URLSearchParams(
        Object.entries(query).map(([key, value]) => [key, String(value)]),
      )
      const viaRest = await rest.get(`/api/vendors/search?${params}`)
      expect(viaRest.status).toBe(200)
      expect(viaMcp.vendors.map((hit) => hit.id)).toEqual(
        viaRest.body.data.vendors.map((hit: { id: number }) => hit.id),
      )
      expect(viaMcp.total).toBe(viaRest.body.data.total)
    }
    const { text } = await call(client, 'searchVendors', { q: 'photography' })
    expect(JSON.parse(text).total).toBe(2)
    await client.close()
  })

  it('answers a bad search as a tool error naming the parameter, not a failure', async () => {
    const client = await connect()
    const { isError, text } = await call(client, 'searchVendors', { near: 'Atlantis' })
    expect(isError).toBe(true)
    expect(text).toMatch(/Atlantis/)
    await client.close()
  })

  it('reads public vendor profiles without the fields only their owner may read', async () => {
    const client = await connect()
    const vendors = await found(client, 'findVendors', { limit: 10 })
    expect(vendors.map((doc) => doc.businessName)).toEqual(
      expect.arrayContaining(['Kōwhai Photography', 'Tūī Wedding Photography']),
    )
    expect(JSON.stringify(vendors)).not.toContain('Staff only')
    await client.close()
  })

  it('lets a signed-out assistant read no one’s jobs, quotes or bookings', async () => {
    const client = await connect()
    for (const [tool, id] of [
      ['findJobs', jobId],
      ['findApplications', quoteId],
      ['findBookings', bookingId],
    ] as const) {
      const list = await call(client, tool, { limit: 50 })
      expect([tool, list.text]).toEqual([tool, expect.stringMatching(/^❌ Nothing to show/)])
      const one = await call(client, tool, { id })
      expect([tool, one.text]).toEqual([tool, expect.stringMatching(/^❌ Nothing to show/)])
    }
    // The same caller reads a public profile by id: the refusals above are access, not a fault.
    const { docs } = await payload.find({ collection: 'vendors', limit: 1, overrideAccess: true })
    expect((await found(client, 'findVendors', { id: docs[0]!.id }))[0]!.id).toBe(docs[0]!.id)
    await client.close()
  })

  it('keeps what only a profile’s owner and staff may read out of a stranger’s filters', async () => {
    const client = await connect()
    const { text } = await call(client, 'findVendors', {
      where: JSON.stringify({ internalNotes: { equals: 'Staff only' } }),
    })
    expect(text).toMatch(/^❌ Nothing to show/)
    const vendors = await found(client, 'findVendors', { limit: 10 })
    expect(vendors.length).toBeGreaterThan(0)
    for (const doc of vendors) {
      expect(doc.internalNotes).toBeUndefined()
      expect(doc.owner).toBeUndefined()
    }
    await client.close()
  })

  it('reads a vendor’s own quotes and bookings with their API key, and no one else’s', async () => {
    const client = await connect(`users API-Key ${vendorKey}`)
    const quotes = await found(client, 'findApplications', { limit: 50 })
    expect(quotes.map((doc) => doc.id)).toEqual([quoteId])
    const theirs = await payload.find({
      collection: 'bookings',
      where: { vendorOwner: { equals: otherVendor.user.id } },
      overrideAccess: true,
    })
    const peek = await call(client, 'findBookings', { id: theirs.docs[0]!.id })
    expect(peek.text).toMatch(/^❌ Nothing to show/)
    const bookings = await found(client, 'findBookings', { limit: 50 })
    expect(bookings.map((doc) => doc.id)).toEqual([bookingId])
    const viaRest = await rest.get('/api/bookings?limit=50', { apiKey: vendorKey })
    expect(bookings.map((doc) => doc.id)).toEqual(
      viaRest.body.docs.map((doc: { id: number }) => doc.id),
    )
    await client.close()
  })

  it('reads an organizer’s own jobs with their session, as REST does', async () => {
    const client = await connect(`JWT ${organizer.token}`)
    const jobs = await found(client, 'findJobs', { limit: 50 })
    const viaRest = await rest.get('/api/jobs?limit=50', { token: organizer.token })
    expect(jobs.map((doc) => doc.id)).toEqual(
      viaRest.body.docs.map((doc: { id: number }) => doc.id),
    )
    expect(jobs.map((doc) => doc.id)).toContain(jobId)
    expect(jobs).toHaveLength(1)
    await client.close()
  })

  it('treats a key that is not one as signed out, and answers a request that is not JSON-RPC with 4xx', async () => {
    const stranger = await connect('users API-Key not-a-real-key-0000000000')
    expect(await found(stranger, 'findBookings', { limit: 50 })).toEqual([])
    await stranger.close()
    const handlers = routeHandlers(ctx.config)
    const post = (body: string) =>
      handlers.POST(
        new Request('http://localhost:3000/api/mcp', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
          },
          body,
        }),
        { params: Promise.resolve({ slug: ['mcp'] }) },
      )
    const message = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list' })
    for (const [body, status, reason] of [
      ['{"not":"json-rpc"', 400, /not JSON/],
      ['{"hello":"world"}', 400, /not a JSON-RPC/],
      [JSON.stringify([message(1), message(2)]), 400, /one JSON-RPC message/],
      [JSON.stringify({ ...message(3), params: { pad: 'x'.repeat(300 * 1024) } }), 413, /larger/],
    ] as const) {
      const res = await post(body)
      expect([body.slice(0, 30), res.status]).toEqual([body.slice(0, 30), status])
      expect((await res.json()).error.message).toMatch(reason)
    }
    const notification = await post(
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    )
    expect(notification.status).toBe(202)
    const get = await handlers.GET(new Request('http://localhost:3000/api/mcp'), {
      params: Promise.resolve({ slug: ['mcp'] }),
    })
    expect(get.status).toBe(405)
  })
})
