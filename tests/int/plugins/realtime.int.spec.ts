import { REST_GET } from '@payloadcms/next/routes'
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
} from 'payload'

import {
  getRealtime,
  type PostgresRealtimeDriver,
  publish,
  userChannel,
} from '../../../plugins/realtime'
import { startPayload, type TestContext } from '../../helpers/payload'
import { restClient } from '../../helpers/rest'

/*
 * The realtime plugin under a config of its own: an event written inside a transaction is
 * heard once that transaction commits and never if it rolls back, and the stream endpoint
 * serves only the channels the `authorize` option allows.
 */

let ctx: TestContext
let payload: Payload
let driver: PostgresRealtimeDriver
const channel = userChannel(1)
const heard: { event: string; data: Record<string, unknown> }[] = []
let unsubscribe = () => {}

beforeAll(async () => {
  ctx = await startPayload('realtime-plugin', () => import('./realtime/config'))
  payload = ctx.payload
  driver = getRealtime(payload) as PostgresRealtimeDriver
  await driver.start()
  unsubscribe = driver.subscribe([channel], ({ event, data }) => heard.push({ event, data }))
})

afterAll(async () => {
  unsubscribe()
  await ctx?.stop()
})

const heardEvent = async (event: string, timeoutMs = 5000) => {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const found = heard.find((entry) => entry.event === event)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`${event} was not heard within ${timeoutMs} ms`)
}

/** Publishes inside a transaction of its own, then commits or rolls it back. */
const publishIn = async (outcome: 'commit' | 'rollback', event: string) => {
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  await publish(req, channel, event, { outcome })
  if (outcome === 'commit') await commitTransaction(req)
  else await killTransaction(req)
}

describe('realtime plugin', () => {
  it('delivers an event published in a transaction once it commits', async () => {
    await publishIn('commit', 'note.committed')
    expect(await heardEvent('note.committed')).toEqual({
      event: 'note.committed',
      data: { outcome: 'commit' },
    })
  })

  it('never delivers an event whose transaction rolled back', async () => {
    await publishIn('rollback', 'note.rolledBack')
    // NOTIFY is delivered in commit order: once a later committed event is heard, an earlier
    // one would have been too.
    await publishIn('commit', 'note.after')
    await heardEvent('note.after')
    expect(heard.map((entry) => entry.event)).not.toContain('note.rolledBack')
    expect((await driver.replay([channel], '0')).map((event) => event.event)).not.toContain(
      'note.rolledBack',
    )
  })

  it('streams only to a signed-in caller, on channels authorize allows', async () => {
    const stream = (headers: HeadersInit, channels: string) =>
      REST_GET(ctx.config)(
        new Request(`http://localhost:3000/api/realtime/stream?channels=${channels}`, { headers }),
        { params: Promise.resolve({ slug: ['realtime', 'stream'] }) },
      )
    const rest = restClient(ctx.config, { rateLimited: false })
    const account = { email: 'listener@example.test', password: 'Listener-password-1!' }
    const { doc: user } = (await rest.post('/api/users', { body: account })).body
    const { token } = (await rest.post('/api/users/login', { body: account })).body
    const auth = { Authorization: `JWT ${token}` }

    expect((await stream({}, userChannel(user.id))).status).toBe(401)
    expect((await stream(auth, userChannel(user.id + 1))).status).toBe(403)
    const own = await stream(auth, userChannel(user.id))
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toMatch(/^text\/event-stream/)
    await own.body?.cancel()
  })
})
