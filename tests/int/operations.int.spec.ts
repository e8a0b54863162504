/**
 * The probes a load balancer and a monitoring system use: liveness, readiness with each
 * dependency's state (and 503 while a required one is down), and Prometheus metrics behind a
 * bearer token. The request log and the per-route request metrics are written by the HTTP
 * server itself, so tests/e2e/operations.e2e.spec.ts reads those from a production server.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import {
  getRealtime,
  PusherRealtimeDriver,
  type RealtimeDriver,
  setRealtime,
} from '@/plugins/realtime'
import {
  getSearchEngine,
  meilisearchEngine,
  type SearchEngine,
  setSearchEngine,
} from '@/plugins/search'

import { type MeiliPeer, startMeiliPeer } from '../helpers/meiliPeer'
import { startPayload, type TestContext } from '../helpers/payload'
import { type PusherPeer, startPusherPeer } from '../helpers/pusherPeer'
import { type RestClient, restClient } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'

const METRICS_TOKEN = 'metrics-token-for-the-operations-test'

let ctx: TestContext
let payload: Payload
let rest: RestClient

/** Readiness is measured at most every 2 seconds: wait out the last measurement. */
const afterNextMeasurement = () => new Promise((resolve) => setTimeout(resolve, 2_100))

beforeAll(async () => {
  process.env.METRICS_TOKEN = METRICS_TOKEN
  ctx = await startPayload('operations')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

describe('GET /api/health', () => {
  it('answers while the process runs, never from a cache', async () => {
    const health = await rest.get('/api/health')
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ status: 'ok', version: expect.any(String) })
    expect(health.headers.get('cache-control')).toBe('no-store')
  })
})

describe('GET /api/ready', () => {
  it('is ready with every dependency up, each with its latency', async () => {
    const ready = await rest.get('/api/ready')
    expect(ready.status).toBe(200)
    expect(ready.body.status).toBe('ready')
    for (const name of ['database', 'search', 'realtime', 'mail', 'jobs']) {
      expect(ready.body.checks[name]).toMatchObject({
        state: 'up',
        latencyMs: expect.any(Number),
        required: ['database', 'search', 'realtime'].includes(name),
      })
    }
    expect(ready.body.checks.realtime.driver).toBe('postgres')
  })

  describe('with Meilisearch as the search engine', () => {
    let peer: MeiliPeer
    let embedded: SearchEngine

    beforeAll(async () => {
      embedded = getSearchEngine(payload)
      peer = await startMeiliPeer()
      const engine = meilisearchEngine({
        host: peer.url,
        apiKey: peer.apiKey,
        indexPrefix: 'ready',
      })
      await engine.ensureIndex()
      setSearchEngine(payload, engine)
      await afterNextMeasurement()
    })

    afterAll(async () => {
      setSearchEngine(payload, embedded)
      await peer?.close()
      await afterNextMeasurement()
    })

    it('answers 503 while the engine is down, saying which, and 200 once it is back', async () => {
      expect((await rest.get('/api/ready')).status).toBe(200)
      peer.failing = true
      await afterNextMeasurement()
      const down = await rest.get('/api/ready')
      expect(down.status).toBe(503)
      expect(down.body.status).toBe('unready')
      expect(down.body.checks.search).toMatchObject({ state: 'down', engine: 'meilisearch' })
      expect(down.body.checks.database.state).toBe('up')
      // Nothing about where the engine lives or what it answered.
      expect(JSON.stringify(down.body)).not.toContain('127.0.0.1')
      expect(JSON.stringify(down.body)).not.toContain(peer.apiKey)
      peer.failing = false
      await afterNextMeasurement()
      expect((await rest.get('/api/ready')).status).toBe(200)
    })
  })

  describe('with a Pusher-protocol server for live updates', () => {
    let peer: PusherPeer
    let embedded: RealtimeDriver

    const usePeer = (running: PusherPeer) =>
      setRealtime(
        payload,
        new PusherRealtimeDriver({
          appId: running.appId,
          key: running.key,
          secret: running.secret,
          host: '127.0.0.1',
          port: running.port,
          useTLS: false,
        }),
      )

    beforeAll(async () => {
      embedded = getRealtime(payload)
      peer = await startPusherPeer()
      usePeer(peer)
      await afterNextMeasurement()
    })

    afterAll(async () => {
      setRealtime(payload, embedded)
      await peer?.close()
      await afterNextMeasurement()
    })

    it('answers 503 while the server is unreachable, and 200 with it back', async () => {
      const up = await rest.get('/api/ready')
      expect(up.status).toBe(200)
      expect(up.body.checks.realtime).toMatchObject({ state: 'up', driver: 'pusher' })
      // The check is a signed request the peer verified, not a bare connect.
      expect(peer.refused).toEqual([])
      await peer.close()
      await afterNextMeasurement()
      const down = await rest.get('/api/ready')
      expect(down.status).toBe(503)
      expect(down.body.checks.realtime.state).toBe('down')
      peer = await startPusherPeer()
      usePeer(peer)
      await afterNextMeasurement()
      expect((await rest.get('/api/ready')).status).toBe(200)
    })
  })

  it('reports queued work waiting too long as degraded, still ready', async () => {
    const job = await payload.jobs.queue({
      task: 'dispatchWebhooks',
      input: {},
      queue: 'readiness-probe',
    })
    const pool = (payload.db as unknown as PostgresAdapter).pool
    await pool.query(
      `UPDATE payload_jobs SET created_at = now() - interval '10 minutes' WHERE id = $1`,
      [job.id],
    )
    await afterNextMeasurement()
    const ready = await rest.get('/api/ready')
    expect(ready.status).toBe(200)
    expect(ready.body.checks.jobs).toMatchObject({ state: 'degraded', due: 1 })
    expect(ready.body.checks.jobs.oldestDueSeconds).toBeGreaterThanOrEqual(600)
    await pool.query('DELETE FROM payload_jobs WHERE id = $1', [job.id])
  })
})

describe('GET /api/metrics', () => {
  /** One sample's value from Prometheus's text format, 0 when the series is not there yet. */
  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `))
    return line ? Number(line.slice(series.length + 1)) : 0
  }
  const scrape = async () => {
    const response = await rest.get('/api/metrics', {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    return response.body as string
  }

  it('refuses a missing or wrong token', async () => {
    const missing = await rest.get('/api/metrics')
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(missing.body.error.code).toBe('UNAUTHORIZED')
    const wrong = await rest.get('/api/metrics', {
      headers: { Authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}x` },
    })
    expect(wrong.status).toBe(401)
    // A session is not the token either.
    expect(JSON.stringify(wrong.body)).not.toContain('eventpros_')
  })

  it('shows searches, emails and due jobs moving', async () => {
    const before = await scrape()
    const searches = 'eventpros_search_duration_seconds_count{engine="postgres",outcome="ok"}'
    const sent = 'eventpros_emails_total{outcome="sent"}'
    // Three different queries: a repeated one is answered from the search cache.
    for (const q of ['photographer', 'caterer', 'florist']) {
      expect((await rest.get(`/api/vendors/search?q=${q}`)).status).toBe(200)
    }
    await payload.sendEmail({ to: 'metrics@example.nz', subject: 'Counted', html: '<p>Hi</p>' })
    await payload.jobs.queue({ task: 'dispatchWebhooks', input: {}, queue: 'metrics-probe' })
    const after = await scrape()
    expect(sample(after, searches) - sample(before, searches)).toBe(3)
    expect(sample(after, sent) - sample(before, sent)).toBe(1)
    expect(sample(after, 'eventpros_jobs_waiting{queue="metrics-probe"}')).toBe(1)
    expect(after).toContain('eventpros_realtime_sse_connections 0')
    expect(after).toContain('process_cpu_user_seconds_total')
  })
})

describe('the job queue on several instances', () => {
  it('runs each queued job once when two runs claim at the same moment', async () => {
    // Every instance's cron ticks on the same schedule, so two runs reading the queue at once
    // is the normal case with two instances; here they are two runs in one process.
    const { user, email } = await createUser(payload, rest, 'organizer')
    const queue = 'claims-probe'
    for (let index = 1; index <= 12; index++) {
      await payload.jobs.queue({
        task: 'sendMarketplaceEmail',
        queue,
        input: {
          userId: user.id,
          subject: `Claimed once ${index}`,
          intro: 'One of twelve.',
          actionLabel: 'Open',
          actionPath: '/account',
        },
      })
    }
    // Payload commits each claim after marking its jobs; a slow commit (a busy database, a
    // network between) must not let the other run read those jobs as still due.
    const db = payload.db
    const commit = db.commitTransaction.bind(db)
    db.commitTransaction = async (id) => {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return commit(id)
    }
    try {
      await Promise.all([
        payload.jobs.run({ queue, limit: 50 }),
        payload.jobs.run({ queue, limit: 50 }),
      ])
    } finally {
      db.commitTransaction = commit
    }
    const subjects = readMails(ctx.mailDir, email).map((mail) =>
      mail.match(/^Subject: (.+)$/m)?.[1]?.trim(),
    )
    expect(subjects).toHaveLength(12)
    expect(new Set(subjects).size).toBe(12)
  })
})
