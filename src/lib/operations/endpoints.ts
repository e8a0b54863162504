import { timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { getEnv } from '@/lib/kit/env'
import { apiError } from '@/lib/kit/response'
import { documented } from '@/plugins/openapi'
import { PostgresRealtimeDriver, getRealtime } from '@/plugins/realtime'
import { searchConfig } from '@/plugins/search'

import { metrics } from './metrics'
import { queueFigures, readiness } from './readiness'

const NO_STORE = { 'Cache-Control': 'no-store' }

const started = Date.now()

/** The app's version, from the package.json beside the server (`next start` and the image). */
const version = (() => {
  try {
    return (
      (JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { version?: string })
        .version ?? 'unknown'
    )
  } catch {
    return 'unknown'
  }
})()

/** `GET /api/health`: the process answers. Touches nothing, so it says nothing of the database. */
export const healthEndpoint: Endpoint = documented(
  {
    summary: 'Liveness',
    description:
      'Answers 200 while the process runs, without touching the database: for restarting a process that hangs, not for routing traffic (that is `GET /api/ready`). Not rate limited.',
    caller: 'public',
    tag: 'Operations',
    response: z.object({
      status: z.literal('ok'),
      uptimeSeconds: z.number(),
      version: z.string(),
    }),
  },
  {
    path: '/health',
    method: 'get',
    handler: () =>
      Response.json(
        {
          status: 'ok',
          uptimeSeconds: Math.round((Date.now() - started) / 1000),
          version,
        },
        { headers: NO_STORE },
      ),
  },
)

const CheckSchema = z
  .object({
    state: z.enum(['up', 'down', 'degraded']),
    required: z.boolean(),
    latencyMs: z.number(),
    detail: z.string().optional(),
  })
  .catchall(z.unknown())

/** `GET /api/ready`: whether to send this instance traffic, and why not. */
export const readyEndpoint: Endpoint = documented(
  {
    summary: 'Readiness',
    description: [
      'Each dependency with its state and how long it took to answer: the database (reachable and, in production, migrated), the search engine, the live-update transport (all three required), mail and the job queue (reported only: their work waits and is retried).',
      '503 with the same body while a required one is down or the instance is shutting down. Measured at most every 2 seconds; not rate limited.',
    ].join('\n\n'),
    caller: 'public',
    tag: 'Operations',
    response: z.object({
      status: z.enum(['ready', 'unready', 'shutting-down']),
      checkedAt: z.string(),
      checks: z.object({
        database: CheckSchema,
        search: CheckSchema,
        realtime: CheckSchema,
        mail: CheckSchema,
        jobs: CheckSchema,
      }),
    }),
    alsoAnswers: { 503: 'A required dependency is down, or the instance is shutting down.' },
  },
  {
    path: '/ready',
    method: 'get',
    handler: async (req) => {
      const result = await readiness(req.payload)
      return Response.json(result, {
        status: result.status === 'ready' ? 200 : 503,
        headers: NO_STORE,
      })
    },
  },
)

/** The bearer token matches METRICS_TOKEN, compared in constant time. */
const holdsMetricsToken = (req: PayloadRequest, token: string) => {
  const given = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1] ?? ''
  const [a, b] = [Buffer.from(given), Buffer.from(token)]
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The figures read at scrape time rather than counted as they happen. */
const measureGauges = async (req: PayloadRequest) => {
  const { jobsWaiting, oldestJobSeconds, searchSyncLagSeconds, sseConnections } = metrics()
  const queues = await queueFigures(req.payload)
  jobsWaiting.reset()
  oldestJobSeconds.reset()
  for (const { queue, due, oldestDueSeconds } of queues) {
    jobsWaiting.set({ queue }, due)
    oldestJobSeconds.set({ queue }, oldestDueSeconds)
  }
  const searchQueue = searchConfig(req.payload).queue
  searchSyncLagSeconds.set(
    queues.find((queue) => queue.queue === searchQueue)?.oldestDueSeconds ?? 0,
  )
  const driver = getRealtime(req.payload)
  sseConnections.set(driver instanceof PostgresRealtimeDriver ? driver.subscriberCount() : 0)
}

/**
 * `GET /api/metrics`: Prometheus's text format, for the bearer of METRICS_TOKEN only (404 when
 * it is not set, so a deployment that does not scrape shows nothing). Each instance answers
 * for itself; Prometheus scrapes every instance.
 */
export const metricsEndpoint: Endpoint = documented(
  {
    summary: 'Prometheus metrics',
    description:
      "This instance's figures in Prometheus's text format: requests and their latency by route, search latency, due jobs and the oldest one's wait by queue, search sync lag, open live-update streams, emails and webhook attempts by outcome, and Node's own. 401 `UNAUTHORIZED` without the token; 404 when the deployment sets no `METRICS_TOKEN`.",
    caller: 'operator',
    tag: 'Operations',
    response: {
      contentType: 'text/plain; version=0.0.4',
      description: 'The metrics.',
    },
  },
  {
    path: '/metrics',
    method: 'get',
    handler: async (req) => {
      const token = getEnv().METRICS_TOKEN
      if (!token) return apiError(req, 404, 'NOT_FOUND', 'Metrics are not served here.')
      if (!holdsMetricsToken(req, token)) {
        const refused = apiError(req, 401, 'UNAUTHORIZED', 'Send the metrics bearer token.')
        refused.headers.set('WWW-Authenticate', 'Bearer realm="metrics"')
        return refused
      }
      await measureGauges(req)
      const { registry } = metrics()
      return new Response(await registry.metrics(), {
        headers: { 'Content-Type': registry.contentType, ...NO_STORE },
      })
    },
  },
)

export const operationsEndpoints = [healthEndpoint, readyEndpoint, metricsEndpoint]
