/**
 * npm run bench:realtime [-- --subscribers 1000] [-- --messages 1000] [-- --concurrency 10]
 *
 * The embedded realtime driver under load, in a database of its own (`<db>_bench_realtime`):
 * half the subscribers are organizers listening on their conversation's channel, half are
 * vendors listening on their own notification channel, all over Server-Sent Events through
 * our HTTP API. Then the messages are sent through `POST /api/messages/threads/:id/messages`
 * (each conversation gets one from each side). Prints delivery latency p50/p95/p99 from the
 * start of each POST to the event's arrival, deliveries lost (must be 0) and the server's
 * memory, and writes bench/results/realtime.json.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import type pg from 'pg'

import type { PostgresRealtimeDriver } from '../plugins/realtime'
import { benchDatabaseUrl, useBenchEnvironment } from './benchDatabase'
import { benchFetch, requestReport } from './client'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    subscribers: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '10' },
  },
})
const SUBSCRIBERS = Number(values.subscribers)
const MESSAGES = Number(values.messages)
const CONCURRENCY = Number(values.concurrency)
const THREADS = Math.ceil(SUBSCRIBERS / 2)
const log = (message: string) => process.stdout.write(`${message}\n`)

// ---- a database of its own -----------------------------------------------------------------
// Fresh every run: the numbers should not depend on what an earlier run left.
const benchUrl = await benchDatabaseUrl('bench_realtime', { fresh: true })
useBenchEnvironment(benchUrl, {
  PUSHER_APP_ID: '',
  PUSHER_KEY: '',
  PUSHER_SECRET: '',
  MARKETPLACE_JOBS_CRON: 'off',
})

const { default: configPromise } = await import('@payload-config')
const config = await configPromise
const { getPayload } = await import('payload')
// Payload's route handlers after the config: imported before @payloadcms/richtext-lexical (which
// the config loads), @payloadcms/next/routes leaves Node 20 with an unsettled import.
const { REST_GET, REST_POST, REST_PUT } = await import('@payloadcms/next/routes')
const payload = await getPayload({ config })
const pool = (payload.db as unknown as { pool: pg.Pool }).pool
const { seed, DEMO_PASSWORD } = await import('../src/lib/seed/seed')
const { getRealtime } = await import('../plugins/realtime')

// ---- the app over HTTP, streaming responses as they are written ----------------------------
const handlers = { GET: REST_GET(config), POST: REST_POST(config), PUT: REST_PUT(config) }
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    const method = (req.method ?? 'GET') as keyof typeof handlers
    const request = new Request(url, {
      method,
      headers: req.headers as Record<string, string>,
      body: method === 'GET' ? undefined : Buffer.concat(chunks),
    })
    handlers[method](request, { params: Promise.resolve({ slug }) })
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers))
        const reader = response.body?.getReader()
        req.on('close', () => void reader?.cancel().catch(() => undefined))
        for (;;) {
          const { done, value } = (await reader?.read()) ?? { done: true, value: undefined }
          if (done) break
          res.write(value)
        }
        res.end()
      })
      .catch((error: unknown) => {
        res.writeHead(500)
        res.end(String(error))
      })
  })
})
server.maxConnections = SUBSCRIBERS * 2
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

// ---- people: vendors from the seed, organizers in bulk, all with the demo password ---------
log(`Seeding ${THREADS} vendors and ${THREADS} organizers…`)
await seed(payload, { vendors: Math.ceil(THREADS * 1.25) })
const { rows: hashRows } = await pool.query<{ salt: string; hash: string }>(
  `SELECT salt, hash FROM users WHERE email = 'admin@eventpros.test'`,
)
await pool.query(
  `INSERT INTO users (first_name, last_name, role, email, salt, hash, _verified, login_attempts)
   SELECT 'Bench', 'Organizer ' || n, 'organizer', 'bench-organizer-' || n || '@example.test', $2, $3, true, 0
   FROM generate_series(1, $1) AS n`,
  [THREADS, hashRows[0]!.salt, hashRows[0]!.hash],
)
const { rows: vendorRows } = await pool.query<{ id: number; email: string }>(
  `SELECT v.id, u.email FROM vendors v JOIN users u ON u.id = v.owner_id WHERE v.status = 'active' ORDER BY v.id LIMIT $1`,
  [THREADS],
)
if (vendorRows.length < THREADS) throw new Error(`only ${vendorRows.length} active vendors`)

const loginAll = async (emails: string[]) => {
  const tokens: { email: string; token: string; id: number }[] = []
  for (let i = 0; i < emails.length; i += 20) {
    tokens.push(
      ...(await Promise.all(
        emails.slice(i, i + 20).map(async (email) => {
          // Signing in twice is harmless.
          const response = await benchFetch(
            `${origin}/api/users/login`,
            {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ email, password: DEMO_PASSWORD }),
            },
            { idempotent: true },
          )
          const body = (await response.json()) as { token: string; user: { id: number } }
          if (!body.token) throw new Error(`login ${email}: ${JSON.stringify(body)}`)
          return { email, token: body.token, id: body.user.id }
        }),
      )),
    )
  }
  return tokens
}
log('Signing everyone in…')
const organizers = await loginAll(
  Array.from({ length: THREADS }, (_, i) => `bench-organizer-${i + 1}@example.test`),
)
const vendorOwners = await loginAll(vendorRows.map((row) => row.email))

log(`Opening ${THREADS} conversations…`)
const threads: number[] = []
for (let i = 0; i < THREADS; i += 1) {
  // Opening a conversation that exists answers the one there.
  const response = await benchFetch(
    `${origin}/api/messages/threads`,
    {
      method: 'POST',
      headers: { Authorization: `JWT ${organizers[i]!.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ vendor: vendorRows[i]!.id }),
    },
    { idempotent: true },
  )
  const body = (await response.json()) as { data: { thread: { id: number } } }
  threads.push(body.data.thread.id)
}

const subscribers = threads
  .flatMap((threadId, i) => [
    { token: organizers[i]!.token, channel: `private-thread-${threadId}` },
    { token: vendorOwners[i]!.token, channel: `private-user-${vendorOwners[i]!.id}` },
  ])
  .slice(0, SUBSCRIBERS)

// Each conversation gets one message from each side, interleaved across conversations. An
// organizer's message reaches both subscribers of the pair; a vendor's reaches the organizer's.
const messages = Array.from({ length: MESSAGES }, (_, n) => {
  const i = n % THREADS
  const fromOrganizer = n < THREADS
  const sender = fromOrganizer ? organizers[i]! : vendorOwners[i]!
  return {
    threadId: threads[i]!,
    senderId: sender.id,
    token: sender.token,
    body: `Benchmark message ${n + 1}`,
    expected: fromOrganizer ? 2 : 1,
  }
})

log(`Connecting ${subscribers.length} SSE subscribers and sending ${messages.length} messages…`)
const driver = getRealtime(payload) as PostgresRealtimeDriver
const memoryBefore = process.memoryUsage()
type BenchResult = {
  sent: number
  sendingMs: number
  expectedDeliveries: number
  deliveries: number
  latencies: number[]
  deliveryLatencies: number[]
  connectedMemory: NodeJS.MemoryUsage
}
const result = await new Promise<BenchResult>((resolve, reject) => {
  const worker = new Worker(path.resolve('bench/realtimeClients.cjs'), {
    workerData: { origin, subscribers, messages, concurrency: CONCURRENCY },
  })
  let connectedMemory = process.memoryUsage()
  worker.on('message', (message: Record<string, unknown>) => {
    if (message.error) reject(new Error(String(message.error)))
    if (message.connected) {
      connectedMemory = process.memoryUsage()
      log(
        `  ${String(message.connected)} connected; this instance serves ${driver.subscriberCount()} subscribers`,
      )
    }
    if (message.done) {
      void worker.terminate()
      resolve({ ...(message as unknown as Omit<BenchResult, 'connectedMemory'>), connectedMemory })
    }
  })
  worker.on('error', reject)
})

const percentiles = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) =>
    Math.round(
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10,
    ) / 10
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) }
}
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10
const summary = {
  ranAt: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  subscribers: subscribers.length,
  messages: result.sent,
  concurrency: CONCURRENCY,
  sendingSeconds: Math.round(result.sendingMs / 100) / 10,
  messagesPerSecond: Math.round(result.sent / (result.sendingMs / 1000)),
  // Published (the last step of the message's transaction) → the event read by the browser.
  deliveryLatencyMs: percentiles(result.deliveryLatencies),
  // POST sent → the event read by the other browser: what a person waits, API included.
  endToEndLatencyMs: percentiles(result.latencies),
  expectedDeliveries: result.expectedDeliveries,
  deliveries: result.deliveries,
  lost: result.expectedDeliveries - result.deliveries,
  // The whole process: the server, and the worker thread playing the 1,000 browsers.
  memoryMiB: {
    rssBefore: mib(memoryBefore.rss),
    rssWithSubscribers: mib(result.connectedMemory.rss),
    serverHeapWithSubscribers: mib(result.connectedMemory.heapUsed),
  },
  target: { p95Ms: 100, lost: 0 },
}
log('')
log(
  `Delivery latency (published in the message's transaction → event at the browser), ms: p50 ${summary.deliveryLatencyMs.p50} · p95 ${summary.deliveryLatencyMs.p95} · p99 ${summary.deliveryLatencyMs.p99}`,
)
log(
  `End to end (POST sent → event at the other browser), ms: p50 ${summary.endToEndLatencyMs.p50} · p95 ${summary.endToEndLatencyMs.p95} · p99 ${summary.endToEndLatencyMs.p99}`,
)
log(
  `Messages: ${summary.messages} in ${summary.sendingSeconds} s (${summary.messagesPerSecond}/s) · deliveries ${summary.deliveries}/${summary.expectedDeliveries} · lost ${summary.lost}`,
)
log(
  `Memory: RSS ${summary.memoryMiB.rssBefore} → ${summary.memoryMiB.rssWithSubscribers} MiB with ${summary.subscribers} subscribers; server heap ${summary.memoryMiB.serverHeapWithSubscribers} MiB`,
)
log(
  `Target p95 ≤ 100 ms: ${summary.deliveryLatencyMs.p95 <= 100 ? 'met' : 'NOT met'}; lost = 0: ${summary.lost === 0 ? 'met' : 'NOT met'}`,
)
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync('bench/results/realtime.json', `${JSON.stringify(summary, null, 2)}\n`)
log(requestReport())
log('Written to bench/results/realtime.json')
await driver.stop()
server.closeAllConnections()
server.close()
process.exit(0)
