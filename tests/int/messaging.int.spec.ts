import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { REST_GET } from '@payloadcms/next/routes'
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createLocalReq, type Payload } from 'payload'
import Pusher, { type Channel } from 'pusher-js'
import { WebSocket } from 'ws'

import { limitersOf } from '../../plugins/rateLimits'
import {
  getRealtime,
  publish,
  PusherRealtimeDriver,
  type RealtimeDriver,
  setRealtime,
} from '../../plugins/realtime'
import { pusherOptions } from '../../src/components/messaging/useRealtime'
import { sendUnreadMessageEmails } from '../../src/lib/messaging/reminders'
import { CONTACT_MASK } from '../../src/lib/messaging/rules'
import { type ApiServer, startApiServer } from '../helpers/apiServer'
import { createCategory, createVendor } from '../helpers/fixtures'
import { checkedAgainstDocument } from '../helpers/contract'
import { startPayload, type TestContext } from '../helpers/payload'
import { PUSHER_DATA_LIMIT_BYTES, type PusherPeer, startPusherPeer } from '../helpers/pusherPeer'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let organizer: Account
let vendorUser: Account
let stranger: Account
let strangerVendor: Account
let moderator: Account
let vendorId: number
let threadId: number

/** A live Server-Sent Events connection through the real route handler, read frame by frame. */
const openStream = async (token: string, channels: string, lastEventId?: string) => {
  const headers: Record<string, string> = { Authorization: `JWT ${token}` }
  if (lastEventId) headers['Last-Event-ID'] = lastEventId
  const response = await REST_GET(ctx.config)(
    new Request(`http://localhost:3000/api/realtime/stream?channels=${channels}`, { headers }),
    { params: Promise.resolve({ slug: ['realtime', 'stream'] }) },
  )
  const frames: { id: string; event: string; data: Record<string, unknown> }[] = []
  const reader = response.body?.getReader()
  let buffer = ''
  let closed = false
  const pump = async () => {
    const decoder = new TextDecoder()
    while (reader && !closed) {
      const { done, value } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const raw = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const field = (name: string) =>
          raw
            .split('\n')
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2)
        if (field('event'))
          frames.push({
            id: field('id')!,
            event: field('event')!,
            data: JSON.parse(field('data')!),
          })
      }
    }
  }
  if (response.status === 200) void pump().catch(() => undefined)
  return {
    status: response.status,
    frames,
    next: async (predicate: (frame: (typeof frames)[number]) => boolean, timeoutMs = 5000) => {
      const started = Date.now()
      while (Date.now() - started < timeoutMs) {
        const found = frames.find(predicate)
        if (found) return found
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(frames)}`)
    },
    close: async () => {
      closed = true
      await reader?.cancel()
    },
  }
}

const send = (who: Account, body: unknown, thread = threadId) =>
  rest.post(`/api/messages/threads/${thread}/messages`, { token: who.token, body: { body } })

/**
 * Every way the other side of a conversation reads its last message: the inbox list, the
 * thread, Payload's REST and GraphQL, and the thread embedded in the message.
 */
const recipientPaths = async (reader: Account, messageId: number) => {
  const auth = { token: reader.token }
  const graphql = await rest.graphql(
    `query ($id: Int!) { Thread(id: $id) { lastMessagePreview } Threads { docs { lastMessagePreview } } }`,
    { id: threadId },
    auth,
  )
  return {
    inbox: (await rest.get('/api/messages/threads', auth)).body.data.find(
      (thread: { id: number }) => thread.id === threadId,
    ).lastMessagePreview,
    thread: (await rest.get(`/api/messages/threads/${threadId}`, auth)).body.data
      .lastMessagePreview,
    restThread: (await rest.get(`/api/threads/${threadId}`, auth)).body.lastMessagePreview,
    restThreads: (await rest.get('/api/threads', auth)).body.docs,
    graphql: graphql.body.data,
    embedded: (await rest.get(`/api/messages/${messageId}?depth=1`, auth)).body,
    selectedBody: (await rest.get(`/api/messages/${messageId}?select[body]=true`, auth)).body,
    selectedPreview: (
      await rest.get(`/api/threads/${threadId}?select[lastMessagePreview]=true`, auth)
    ).body,
  }
}

const countMessages = async () => (await payload.count({ collection: 'messages' })).totalDocs

beforeAll(async () => {
  ctx = await startPayload('messaging')
  payload = ctx.payload
  rest = checkedAgainstDocument(restClient(ctx.config))
  const category = await createCategory(payload, 'Florists')
  organizer = await createUser(payload, rest, 'organizer')
  vendorUser = await createUser(payload, rest, 'vendor')
  stranger = await createUser(payload, rest, 'organizer')
  strangerVendor = await createUser(payload, rest, 'vendor')
  moderator = await createUser(payload, rest, 'moderator')
  vendorId = (
    await createVendor(payload, vendorUser.user.id, category.id, {
      businessName: 'Pōhutukawa Flowers',
    })
  ).id
  await createVendor(payload, strangerVendor.user.id, category.id)
})

afterAll(async () => {
  await ctx?.stop()
})

describe('starting a conversation and talking', () => {
  it('lets an organizer message a vendor, once per pair, and shows it in both inboxes', async () => {
    const res = await rest.post('/api/messages/threads', {
      token: organizer.token,
      body: {
        vendor: vendorId,
        body: 'Kia ora! Are you free on 14 March for a wedding in Napier?',
      },
    })
    expect(res.status).toBe(201)
    threadId = res.body.data.thread.id
    expect(res.body.data.message.body).toMatch(/14 March/)
    const again = await rest.post('/api/messages/threads', {
      token: organizer.token,
      body: { vendor: vendorId },
    })
    expect(again.body.data.thread.id).toBe(threadId)
    const inbox = await rest.get('/api/messages/threads', { token: vendorUser.token })
    expect(inbox.body.data).toHaveLength(1)
    expect(inbox.body.data[0].organizerName).toBe('Test o.')
    expect(inbox.body.data[0]).toMatchObject({
      id: threadId,
      unread: 1,
      lastMessagePreview: expect.stringMatching(/14 March/),
    })
  })

  it('marks a thread read for the reader and tells the sender it was seen', async () => {
    const listening = await openStream(organizer.token, `private-thread-${threadId}`)
    const read = await rest.put(`/api/messages/threads/${threadId}`, { token: vendorUser.token })
    expect(read.status).toBe(200)
    expect(read.body.data.vendorUnread).toBe(0)
    const seen = await listening.next((frame) => frame.event === 'message.read')
    expect(seen.data).toMatchObject({ threadId, readerId: vendorUser.user.id })
    await listening.close()
    const messages = await rest.get(`/api/messages/threads/${threadId}/messages`, {
      token: organizer.token,
    })
    expect(messages.body.data.messages.at(-1).readAt).toEqual(expect.any(String))
  })

  it.each([
    ['an empty message', '   ', 'body'],
    ['5,001 characters', 'x'.repeat(5001), 'body'],
    ['a number instead of text', 42, 'body'],
  ])('answers %s with 400, storing nothing', async (_, body, field) => {
    const before = await countMessages()
    const res = await send(organizer, body)
    expect(res.status).toBe(400)
    expect(res.body.error.details[0].field).toBe(field)
    expect(await countMessages()).toBe(before)
  })

  it('posts a message once per Idempotency-Key, however often the send is retried', async () => {
    const key = 'outbox-5f0c1e2a-retry'
    const keyed = (who: Account, body: string, headerKey: string, thread = threadId) =>
      rest.post(`/api/messages/threads/${thread}/messages`, {
        token: who.token,
        body: { body },
        headers: { 'Idempotency-Key': headerKey },
      })
    const before = await countMessages()
    const first = await keyed(organizer, 'Written on the ferry, sent when back online.', key)
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    // The answer was lost; the outbox sends the same message again with the same key.
    const again = await keyed(organizer, 'Written on the ferry, sent when back online.', key)
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.data.id).toBe(first.body.data.id)
    expect(await countMessages()).toBe(before + 1)
    // Keys are the sender's own: the vendor's message with the same key is a new one.
    const theirs = await keyed(vendorUser, 'Sweet as, see you then.', key)
    expect(theirs.status).toBe(201)
    expect(await countMessages()).toBe(before + 2)
    // A key that is not a key is refused, and nothing is stored.
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(101), 'é'.repeat(10)]) {
      const res = await keyed(organizer, 'Should not be stored.', bad)
      expect(res.status).toBe(400)
      expect(res.body.error.details[0].field).toBe('Idempotency-Key')
    }
    expect(await countMessages()).toBe(before + 2)
    // The same key in another of the sender's conversations is a mistake, said as such.
    const secondVendor = await createUser(payload, rest, 'vendor')
    const [category] = (await payload.find({ collection: 'categories', limit: 1 })).docs
    const secondVendorId = (await createVendor(payload, secondVendor.user.id, category!.id)).id
    const other = await rest.post('/api/messages/threads', {
      token: organizer.token,
      body: { vendor: secondVendorId },
    })
    const elsewhere = await keyed(organizer, 'A different message.', key, other.body.data.thread.id)
    expect(elsewhere.status).toBe(409)
    expect(elsewhere.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await countMessages()).toBe(before + 2)
  })

  it('refuses a conversation with yourself', async () => {
    const res = await rest.post('/api/messages/threads', {
      token: vendorUser.token,
      body: { vendor: vendorId, body: 'Talking to myself about flowers again.' },
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/yourself/)
  })

  it('lets the sender edit or delete within 15 minutes, and nobody else', async () => {
    const sent = (await send(vendorUser, 'Yes we are free, see you then!')).body.data
    expect(
      (
        await rest.put(`/api/messages/${sent.id}`, {
          token: organizer.token,
          body: { body: 'Hijacked' },
        })
      ).status,
    ).toBe(403)
    const edited = await rest.put(`/api/messages/${sent.id}`, {
      token: vendorUser.token,
      body: { body: 'Yes, we are free that day.' },
    })
    expect(edited.status).toBe(200)
    expect(edited.body.data.editedAt).toEqual(expect.any(String))
    await (payload.db as unknown as PostgresAdapter).drizzle.execute(
      sql`update messages set created_at = now() - interval '20 minutes' where id = ${sent.id as number}`,
    )
    const late = await rest.delete(`/api/messages/${sent.id}`, { token: vendorUser.token })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('EDIT_WINDOW_PASSED')
  })
})

describe('only the two people in a conversation', () => {
  it('keeps no taken-back words in the preview', async () => {
    const kept = (await send(organizer, 'See you at the tasting on Friday.')).body.data
    const regretted = (await send(organizer, 'Our gate code is 4417, come round the back.')).body
      .data
    const previewFor = async (who: Account) =>
      (await rest.get(`/api/messages/threads/${threadId}`, { token: who.token })).body.data
        .lastMessagePreview
    expect(await previewFor(vendorUser)).toMatch(/gate code/)
    expect(
      (await rest.delete(`/api/messages/${regretted.id}`, { token: organizer.token })).status,
    ).toBe(200)
    expect(await previewFor(vendorUser)).toBe(kept.body)
    const edited = await rest.put(`/api/messages/${kept.id}`, {
      token: organizer.token,
      body: { body: 'See you at the tasting on Saturday.' },
    })
    expect(edited.status).toBe(200)
    expect(await previewFor(vendorUser)).toBe('See you at the tasting on Saturday.')
  })

  it('refuses everyone else on every REST path, GraphQL and the collections', async () => {
    for (const who of [stranger, strangerVendor]) {
      expect(
        (await rest.get(`/api/messages/threads/${threadId}`, { token: who.token })).status,
      ).toBe(404)
      expect(
        (await rest.get(`/api/messages/threads/${threadId}/messages`, { token: who.token })).status,
      ).toBe(404)
      expect((await send(who, 'Let me in')).status).toBe(404)
      expect(
        (await rest.put(`/api/messages/threads/${threadId}`, { token: who.token })).status,
      ).toBe(404)
      expect((await rest.get('/api/messages/threads', { token: who.token })).body.data).toEqual([])
      expect((await rest.get('/api/messages?limit=100', { token: who.token })).body.docs).toEqual(
        [],
      )
      expect((await rest.get(`/api/threads/${threadId}`, { token: who.token })).status).toBe(404)
      const gql = await rest.graphql(
        '{ Messages { docs { id body } } Threads { docs { id } } }',
        {},
        { token: who.token },
      )
      expect(gql.body.data.Messages.docs).toEqual([])
      expect(gql.body.data.Threads.docs).toEqual([])
    }
    expect((await rest.get(`/api/messages/threads/${threadId}`)).status).toBe(401)
    const direct = await rest.post('/api/threads', {
      token: stranger.token,
      body: { organizer: stranger.user.id, vendor: vendorId, vendorOwner: vendorUser.user.id },
    })
    expect(direct.status).toBe(403)
  })

  it('keeps attachments private, by file URL too, and refuses a disallowed type', async () => {
    const form = new FormData()
    form.append(
      'file',
      new Blob([fs.readFileSync(path.resolve('tests/fixtures/document.pdf'))], {
        type: 'application/pdf',
      }),
      'menu.pdf',
    )
    form.append('_payload', JSON.stringify({ thread: threadId }))
    const uploaded = await rest.post('/api/message-attachments', {
      token: organizer.token,
      formData: form,
    })
    expect(uploaded.status).toBe(201)
    const file = uploaded.body.doc
    const sent = await rest.post(`/api/messages/threads/${threadId}/messages`, {
      token: organizer.token,
      body: { body: 'Here is our menu', attachments: [file.id] },
    })
    expect(sent.status).toBe(201)
    const fileUrl = `/api/message-attachments/file/${file.filename}`
    expect((await rest.get(fileUrl, { token: vendorUser.token })).status).toBe(200)
    expect((await rest.get(fileUrl, { token: stranger.token })).status).toBeGreaterThanOrEqual(403)
    expect((await rest.get(fileUrl)).status).toBeGreaterThanOrEqual(401)

    const intoOthers = new FormData()
    intoOthers.append('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'x.pdf')
    intoOthers.append('_payload', JSON.stringify({ thread: threadId }))
    expect(
      (await rest.post('/api/message-attachments', { token: stranger.token, formData: intoOthers }))
        .status,
    ).toBe(400)

    const before = (await payload.count({ collection: 'message-attachments' })).totalDocs
    const script = new FormData()
    script.append(
      'file',
      new Blob(['#!/bin/sh\necho hi'], { type: 'text/x-shellscript' }),
      'run.sh',
    )
    script.append('_payload', JSON.stringify({ thread: threadId }))
    expect(
      (await rest.post('/api/message-attachments', { token: organizer.token, formData: script }))
        .status,
    ).toBe(400)
    expect((await payload.count({ collection: 'message-attachments' })).totalDocs).toBe(before)
  })

  it('refuses a realtime channel to anyone not in the thread', async () => {
    const stream = await openStream(stranger.token, `private-thread-${threadId}`)
    expect(stream.status).toBe(403)
    expect((await openStream(stranger.token, `private-user-${organizer.user.id}`)).status).toBe(403)
    expect((await openStream(stranger.token, 'presence-everyone')).status).toBe(400)
  })
})

describe('the PostgreSQL driver over Server-Sent Events', () => {
  it('delivers a message live to two clients, and what a reconnecting one missed', async () => {
    const vendorStream = await openStream(vendorUser.token, `private-user-${vendorUser.user.id}`)
    const organizerStream = await openStream(organizer.token, `private-thread-${threadId}`)
    const first = (await send(organizer, 'Live one')).body.data
    const atVendor = await vendorStream.next(
      (f) => f.event === 'message.created' && f.data.messageId === first.id,
    )
    await organizerStream.next(
      (f) => f.event === 'message.created' && f.data.messageId === first.id,
    )
    expect(atVendor.data).toMatchObject({ threadId, channel: `private-user-${vendorUser.user.id}` })

    await vendorStream.close()
    const missed = [
      (await send(organizer, 'Missed one')).body.data.id,
      (await send(organizer, 'Missed two')).body.data.id,
    ]
    const resumed = await openStream(
      vendorUser.token,
      `private-user-${vendorUser.user.id}`,
      atVendor.id,
    )
    for (const id of missed)
      await resumed.next((f) => f.event === 'message.created' && f.data.messageId === id)
    expect(resumed.frames.map((f) => f.data.messageId)).not.toContain(first.id)
    await resumed.close()
    await organizerStream.close()
  })
})

describe('contact details before a booking', () => {
  it('masks them for the recipient only, flags them for moderators, and shows them once booked', async () => {
    const sent = (await send(organizer, 'Call me on 021 555 0123 or write to hana@example.co.nz'))
      .body.data
    expect(sent.flagged).toBe(true)
    const asVendor = await rest.get(
      `/api/messages/threads/${threadId}/messages?after=${sent.id - 1}`,
      { token: vendorUser.token },
    )
    const seen = asVendor.body.data.messages.find((m: { id: number }) => m.id === sent.id)
    expect(seen.body).toBe(`Call me on ${CONTACT_MASK} or write to ${CONTACT_MASK}`)
    expect(seen.masked).toBe(true)
    const asSender = await rest.get(
      `/api/messages/threads/${threadId}/messages?after=${sent.id - 1}`,
      { token: organizer.token },
    )
    expect(asSender.body.data.messages.find((m: { id: number }) => m.id === sent.id).body).toMatch(
      /021 555 0123/,
    )
    const leaked = (body: unknown) => /021 555 0123|hana@example/.test(JSON.stringify(body))
    const vendorPaths = await recipientPaths(vendorUser, sent.id)
    for (const [name, body] of Object.entries(vendorPaths)) {
      expect([name, JSON.stringify(body).includes(CONTACT_MASK)]).toEqual([name, true])
      expect([name, leaked(body)]).toEqual([name, false])
    }

    const flagged = await rest.get('/api/messages?where[flagged][equals]=true', {
      token: moderator.token,
    })
    expect(flagged.body.docs.map((m: { id: number }) => m.id)).toContain(sent.id)
    const unflagged = await rest.get('/api/messages?limit=100', { token: moderator.token })
    expect(unflagged.body.docs.every((m: { flagged: boolean }) => m.flagged)).toBe(true)

    // Filters run on the stored text: they cannot tell the recipient what the mask hides.
    const byBody = await rest.get('/api/messages?where[body][like]=021%20555%200123', {
      token: vendorUser.token,
    })
    expect([byBody.status, byBody.body.totalDocs]).toEqual([200, 0])
    const byPreview = await rest.get(
      '/api/threads?where[OR][0][lastMessagePreview][contains]=hana',
      {
        token: vendorUser.token,
      },
    )
    expect(byPreview.status).toBe(400)
    expect(
      (await rest.get('/api/threads?sort=lastMessagePreview', { token: vendorUser.token })).status,
    ).toBe(400)

    // A booking between the two (made as accepting a quote would) lifts the mask.
    const job = await payload.create({
      collection: 'jobs',
      // `status` is left to the collection's default; the generated type requires it.
      data: {
        title: 'Flowers for our wedding',
        description: 'Table flowers and a bouquet for a March wedding.',
        eventType: 'wedding',
        eventDate: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        guestCount: 80,
        budgetMin: 500,
        budgetMax: 1500,
        location: { city: 'Napier', region: 'hawkes-bay' },
        categories: [(await payload.find({ collection: 'categories', limit: 1 })).docs[0]!.id],
        organizer: organizer.user.id,
      } as never,
    })
    const quote = await payload.create({
      collection: 'applications',
      // `status` is left to the collection's default; the generated type requires it.
      data: {
        job: job.id,
        vendor: vendorId,
        vendorOwner: vendorUser.user.id,
        organizer: organizer.user.id,
        message: 'Seasonal flowers, arranged on the day.',
        lineItems: [{ description: 'Flowers', quantity: 1, unitPriceCents: 90_000 }],
        validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      } as never,
    })
    await payload.create({
      collection: 'bookings',
      // `status` is left to the collection's default; the generated type requires it.
      data: {
        job: job.id,
        application: quote.id,
        vendor: vendorId,
        organizer: organizer.user.id,
        vendorOwner: vendorUser.user.id,
        eventDate: job.eventDate,
        totalCents: 103_500,
      } as never,
    })
    const after = await rest.get(
      `/api/messages/threads/${threadId}/messages?after=${sent.id - 1}`,
      { token: vendorUser.token },
    )
    expect(after.body.data.messages.find((m: { id: number }) => m.id === sent.id).body).toMatch(
      /021 555 0123/,
    )
    for (const [name, body] of Object.entries(await recipientPaths(vendorUser, sent.id))) {
      expect([name, leaked(body)]).toEqual([name, true])
    }
  })
})

/** The frames a raw WebSocket to the peer receives, to check the protocol below pusher-js. */
const openSocket = async (url: string) => {
  const socket = new WebSocket(url)
  const frames: { event: string; channel?: string; data: unknown }[] = []
  socket.on('message', (raw) => frames.push(JSON.parse(String(raw))))
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  const next = async (event: string) => {
    for (let waited = 0; waited < 5000; waited += 20) {
      const found = frames.find((frame) => frame.event === event)
      if (found) return found
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`no ${event} within 5 s; got ${JSON.stringify(frames)}`)
  }
  const send = (frame: unknown) => socket.send(JSON.stringify(frame))
  return { frames, next, send, closed, close: () => socket.close() }
}

describe('the Pusher driver', () => {
  let peer: PusherPeer
  let driver: PusherRealtimeDriver
  let api: ApiServer
  let embedded: RealtimeDriver

  beforeAll(async () => {
    embedded = getRealtime(payload)
    peer = await startPusherPeer()
    api = await startApiServer(ctx.config)
    driver = new PusherRealtimeDriver({
      appId: peer.appId,
      key: peer.key,
      secret: peer.secret,
      host: '127.0.0.1',
      port: peer.port,
      useTLS: false,
    })
    setRealtime(payload, driver)
  })

  afterAll(async () => {
    setRealtime(payload, embedded)
    await api?.close()
    await peer?.close()
  })

  /** A pusher-js client configured as the browser's, asking our auth endpoint as `who`. */
  const pusherClient = (who: Account) => {
    const config = driver.clientConfig()
    if (config.driver !== 'pusher') throw new Error('expected the Pusher client config')
    return new Pusher(config.key, {
      ...pusherOptions(config),
      channelAuthorization: {
        endpoint: `${api.url}${config.authEndpoint}`,
        transport: 'ajax',
        headers: { Authorization: `JWT ${who.token}` },
      },
    })
  }

  /** What pusher-js heard on a channel, failing after 10 s rather than at the test's timeout. */
  const heardOn = <T = unknown>(channel: Channel, ...events: string[]) =>
    new Promise<{ event: string; data: T }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${channel.name} heard none of ${events.join(', ')} in 10 s`)),
        10_000,
      )
      for (const event of events) {
        channel.bind(event, (data: T) => {
          clearTimeout(timer)
          resolve({ event, data })
        })
      }
    })

  it('triggers signed events after the message is stored', async () => {
    const sent = (await send(vendorUser, 'Through Pusher')).body.data
    for (let waited = 0; peer.events.length < 1 && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(peer.refused).toEqual([])
    // One trigger for both channels: the conversation's and the recipient's notifications.
    expect(peer.events).toEqual([
      {
        name: 'message.created',
        channels: [`private-thread-${threadId}`, `private-user-${organizer.user.id}`],
        data: expect.objectContaining({ messageId: sent.id, threadId }),
      },
    ])
  })

  it('signs a private channel for a participant in the documented key:signature form, and no one else', async () => {
    const auth = async (who: Account, channel: string) => {
      const { REST_POST } = await import('@payloadcms/next/routes')
      const response = await REST_POST(ctx.config)(
        new Request('http://localhost:3000/api/realtime/auth', {
          method: 'POST',
          headers: {
            Authorization: `JWT ${who.token}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ socket_id: '1234.5678', channel_name: channel }).toString(),
        }),
        { params: Promise.resolve({ slug: ['realtime', 'auth'] }) },
      )
      return { status: response.status, body: (await response.json()) as { auth?: string } }
    }
    const channel = `private-thread-${threadId}`
    const ok = await auth(organizer, channel)
    expect(ok.status).toBe(200)
    const signature = createHmac('sha256', peer.secret).update(`1234.5678:${channel}`).digest('hex')
    expect(ok.body.auth).toBe(`${peer.key}:${signature}`)
    expect((await auth(stranger, channel)).status).toBe(403)
    expect((await auth(stranger, `private-user-${organizer.user.id}`)).status).toBe(403)
  })

  it('delivers a live message to a real pusher-js client subscribed through our auth endpoint', async () => {
    const organizerClient = pusherClient(organizer)
    const strangerClient = pusherClient(stranger)
    try {
      const own = organizerClient.subscribe(`private-user-${organizer.user.id}`)
      const subscribed = await heardOn(
        own,
        'pusher:subscription_succeeded',
        'pusher:subscription_error',
      )
      expect(subscribed.event).toBe('pusher:subscription_succeeded')
      const heard = heardOn<Record<string, unknown>>(own, 'message.created')
      const sent = (await send(vendorUser, 'Heard through pusher-js')).body.data
      expect((await heard).data).toMatchObject({ messageId: sent.id, threadId })

      // Someone else's notifications: our endpoint refuses to sign, so the peer never sees it.
      const others = strangerClient.subscribe(`private-user-${organizer.user.id}`)
      expect(
        await heardOn(others, 'pusher:subscription_succeeded', 'pusher:subscription_error'),
      ).toEqual({
        event: 'pusher:subscription_error',
        data: expect.objectContaining({ type: 'AuthError', status: 403 }),
      })
      expect(peer.subscribedChannels()).toEqual([`private-user-${organizer.user.id}`])
    } finally {
      organizerClient.disconnect()
      strangerClient.disconnect()
    }
  })

  it('speaks the protocol as Pusher does: a signature for another socket is refused, pings answered', async () => {
    const wrongKey = await openSocket(`ws://127.0.0.1:${peer.port}/app/not-our-key?protocol=7`)
    expect(await wrongKey.next('pusher:error')).toMatchObject({ data: { code: 4001 } })
    expect(await wrongKey.closed).toBe(4001)

    const socket = await openSocket(`ws://127.0.0.1:${peer.port}/app/${peer.key}?protocol=7`)
    const established = await socket.next('pusher:connection_established')
    const { socket_id: socketId } = JSON.parse(established.data as string) as { socket_id: string }
    expect(socketId).toMatch(/^\d+\.\d+$/)
    socket.send({ event: 'pusher:ping', data: {} })
    expect(await socket.next('pusher:pong')).toEqual({ event: 'pusher:pong', data: {} })

    // A signature our endpoint made for another connection is worth nothing on this one.
    const channel = `private-user-${organizer.user.id}`
    const signedElsewhere = await rest.post('/api/realtime/auth', {
      token: organizer.token,
      body: { socket_id: '1234.5678', channel_name: channel },
    })
    socket.send({ event: 'pusher:subscribe', data: { channel, auth: signedElsewhere.body.auth } })
    expect(await socket.next('pusher:error')).toMatchObject({
      data: { code: null, message: expect.stringMatching(/^Invalid signature/) },
    })
    const signed = await rest.post('/api/realtime/auth', {
      token: organizer.token,
      body: { socket_id: socketId, channel_name: channel },
    })
    socket.send({ event: 'pusher:subscribe', data: { channel, auth: signed.body.auth } })
    expect(await socket.next('pusher_internal:subscription_succeeded')).toEqual({
      event: 'pusher_internal:subscription_succeeded',
      channel,
      data: '{}',
    })
    socket.close()
  })

  it('is refused 413 for data over 10 KB, as Pusher refuses it', async () => {
    const req = await createLocalReq({}, payload)
    const text = 'x'.repeat(PUSHER_DATA_LIMIT_BYTES)
    await expect(
      publish(req, `private-user-${organizer.user.id}`, 'note.large', { text }),
    ).rejects.toMatchObject({ status: 413 })
    expect(peer.events.map((event) => event.name)).not.toContain('note.large')
  })
})

describe('limits and reminders', () => {
  it('emails a message left unread for 15 minutes, once an hour per conversation, not to who opted out', async () => {
    const req = await createLocalReq({}, payload)
    // Both sides have read everything so far.
    await rest.put(`/api/messages/threads/${threadId}`, { token: organizer.token })
    await rest.put(`/api/messages/threads/${threadId}`, { token: vendorUser.token })
    const sent = (await send(organizer, 'Did you get my last message? Ring 021 555 0199')).body.data
    expect((await sendUnreadMessageEmails(req)).emails).toBe(0)
    await (payload.db as unknown as PostgresAdapter).drizzle.execute(
      sql`update messages set created_at = now() - interval '20 minutes' where id = ${sent.id as number}`,
    )
    expect((await sendUnreadMessageEmails(req)).emails).toBe(1)
    expect(readMails(ctx.mailDir, vendorUser.email).join('\n')).toContain(`/inbox/${threadId}`)
    // The reminder names the conversation, never its words (which may hold contact details).
    expect(readMails(ctx.mailDir, vendorUser.email).join('\n')).not.toContain('555 0199')
    expect((await sendUnreadMessageEmails(req)).emails).toBe(0)

    await rest.patch(`/api/users/${organizer.user.id}`, {
      token: organizer.token,
      body: { messageEmails: false },
    })
    const toOrganizer = (await send(vendorUser, 'Sorry, just saw this!')).body.data
    await (payload.db as unknown as PostgresAdapter).drizzle.execute(
      sql`update messages set created_at = now() - interval '20 minutes' where id = ${toOrganizer.id as number}`,
    )
    await (payload.db as unknown as PostgresAdapter).drizzle.execute(
      sql`update threads set reminder_sent_at = null where id = ${threadId}`,
    )
    const before = readMails(ctx.mailDir, organizer.email).length
    await sendUnreadMessageEmails(req)
    expect(readMails(ctx.mailDir, organizer.email)).toHaveLength(before)
  })

  it('answers the 201st message in an hour with 429', async () => {
    const existing = (
      await payload.count({
        collection: 'messages',
        where: { sender: { equals: stranger.user.id } },
      })
    ).totalDocs
    expect(existing).toBe(0)
    // The stranger's own thread with the other vendor, filled to the limit directly.
    const own = await rest.post('/api/messages/threads', {
      token: stranger.token,
      body: {
        vendor: (
          await payload.find({
            collection: 'vendors',
            where: { owner: { equals: strangerVendor.user.id } },
          })
        ).docs[0]!.id,
        body: 'Hello there, one message.',
      },
    })
    const ownThread = own.body.data.thread.id
    // The other 199 of the hour, counted in the limiter's store as sending them would have.
    await limitersOf(payload).messages.penalty(`user:${stranger.user.id}`, 199)
    const limited = await send(stranger, 'One too many', ownThread)
    expect(limited.status).toBe(429)
    expect(limited.body.error.message).toMatch(/200 messages in the last hour/)
    expect(
      (
        await payload.count({
          collection: 'messages',
          where: { sender: { equals: stranger.user.id } },
        })
      ).totalDocs,
    ).toBe(1)
  })
})
