import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { expect, test } from '@playwright/test'

import { E2E_PORT } from '../../playwright.config'
import { type SentryPeer, startSentryPeer } from '../helpers/sentryPeer'
import { type SmtpPeer, startSmtpPeer } from '../helpers/smtpPeer'
import { DEMO_PASSWORD } from './support'

/*
 * Operations on production servers from the suite's build: two instances on one database (the
 * first owns an embedded PostgreSQL, the second reaches it by DATABASE_URL, both running the
 * job queues), their probes, metrics and request logs, readiness while the database is away,
 * and SIGTERM with live-update streams and a running job open. Mail goes to a real SMTP server
 * that can be slowed down, so a test can catch an email job while it runs. The second instance
 * reports its errors (server and browser) to a local Sentry ingest endpoint.
 */

const PRIMARY_PORT = 3102
const SECOND_PORT = 3103
const PG_PORT = 54356
const PG_DIR = path.resolve('.data/e2e-ops-postgres')
const SECRET = 'operations-e2e-secret-0123456789abcdef0123'
const METRICS_TOKEN = 'operations-e2e-metrics-token-4f1c9a'
const MESSAGE = `Operations check ${Date.now().toString(36)}: are you free on the 14th?`
/** Everything a log line must never carry; tokens are added as they are issued. */
const secrets = [SECRET, METRICS_TOKEN, DEMO_PASSWORD, MESSAGE]

type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number }
type Server = {
  url: string
  child: ChildProcess
  lines: string[]
  exited: Promise<Exit>
}

let smtp: SmtpPeer
let sentry: SentryPeer
const SENTRY_ENVIRONMENT = 'operations-e2e'
const servers: Server[] = []
let primary: Server
let second: Server

const serverEnv = (port: number, own: Record<string, string>) => ({
  ...process.env,
  NODE_ENV: 'production' as const,
  NEXT_TELEMETRY_DISABLED: '1',
  PAYLOAD_SECRET: SECRET,
  NEXT_PUBLIC_SERVER_URL: `http://127.0.0.1:${port}`,
  METRICS_TOKEN,
  LOG_FORMAT: 'json',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtp.port),
  MEDIA_DIR: '.data/e2e-ops-media',
  PRIVATE_FILES_DIR: '.data/e2e-ops-private-files',
  TRUSTED_PROXIES: '1',
  RATE_LIMIT_EXEMPT: '127.0.0.1',
  ...own,
})

const start = async (port: number, own: Record<string, string>): Promise<Server> => {
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
    { env: serverEnv(port, own), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const lines: string[] = []
  let partial = ''
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8')
    const parts = text.split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts)
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  )
  const server = { url: `http://127.0.0.1:${port}`, child, lines, exited }
  servers.push(server)
  // First start seeds the demo data, which takes a while on two cores.
  const deadline = Date.now() + 300_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited:\n${lines.join('\n')}`)
    const ready = await fetch(`${server.url}/api/ready`).catch(() => null)
    if (ready?.status === 200) return server
    if (Date.now() > deadline)
      throw new Error(`server on ${port} never ready:\n${lines.join('\n')}`)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
}

const startPrimary = () =>
  start(PRIMARY_PORT, {
    EMBEDDED_PG_PORT: String(PG_PORT),
    EMBEDDED_PG_DATA_DIR: PG_DIR,
    SEED_DEMO_DATA: 'true',
  })

const startSecond = () =>
  start(SECOND_PORT, {
    DATABASE_URL: `postgres://postgres:eventpros-local@127.0.0.1:${PG_PORT}/eventpros`,
    SEED_DEMO_DATA: 'false',
    SENTRY_DSN: sentry.dsn,
    SENTRY_ENVIRONMENT,
  })

const json = async (
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) => {
  const res = await fetch(url, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...(init.token ? { Authorization: `JWT ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const text = await res.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {
    // Not JSON (metrics, say): the text as it is.
  }
  return { status: res.status, headers: res.headers, body }
}

const signIn = async (server: Server, email: string) => {
  const login = await json(`${server.url}/api/users/login`, {
    body: { email, password: DEMO_PASSWORD },
  })
  expect(login.status, `${email}: ${JSON.stringify(login.body)}`).toBe(200)
  secrets.push(login.body.token)
  return { token: login.body.token as string, id: login.body.user.id as number }
}

type Stream = { text: () => string; ended: () => boolean; close: () => void }

/** A live-update subscriber, as a browser's EventSource holds one open. */
const subscribe = async (server: Server, token: string, channels: string): Promise<Stream> => {
  const controller = new AbortController()
  const res = await fetch(`${server.url}/api/realtime/stream?channels=${channels}`, {
    headers: { Authorization: `JWT ${token}`, Accept: 'text/event-stream' },
    signal: controller.signal,
  })
  expect(res.status).toBe(200)
  let text = ''
  let ended = false
  void (async () => {
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        text += decoder.decode(value, { stream: true })
      }
    } catch {
      // Aborted by the test.
    } finally {
      ended = true
    }
  })()
  return { text: () => text, ended: () => ended, close: () => controller.abort() }
}

/** The demo vendor's own profile, and the vendors an organizer can invite. */
const demoVendor = async (server: Server, vendor: { token: string; id: number }) =>
  (
    await json(`${server.url}/api/vendors?where[owner][equals]=${vendor.id}&depth=0`, {
      token: vendor.token,
    })
  ).body.docs[0] as { id: number; tagline: string | null }

const organizersOpenJob = async (server: Server, organizer: { token: string; id: number }) => {
  const jobs = await json(
    `${server.url}/api/jobs?where[organizer][equals]=${organizer.id}&where[status][equals]=published&sort=-eventDate&depth=0`,
    { token: organizer.token },
  )
  return jobs.body.docs[0].id as number
}

const invitationMails = () =>
  smtp.received.filter((mail) => mail.raw.replace(/=\r?\n/g, '').includes('would like a quote'))

const postgresRunning = () => {
  try {
    return execFileSync('pgrep', ['-f', `postgres.*${PG_DIR}`], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}

const stopGracefully = async (server: Server) => {
  const sent = Date.now()
  server.child.kill('SIGTERM')
  const exit = await Promise.race([
    server.exited,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000)),
  ])
  return { exit, seconds: exit ? (exit.at - sent) / 1000 : Infinity }
}

test.describe.configure({ mode: 'serial' })

/** A PostgreSQL an earlier run left on this folder (its server killed): stopped first. */
const stopLeftoverPostgres = async () => {
  if (!postgresRunning()) return
  execFileSync('pkill', ['-f', `postgres.*${PG_DIR}`])
  await expect.poll(postgresRunning, { timeout: 15_000 }).toBe('')
}

test.beforeAll(async () => {
  test.setTimeout(420_000)
  await stopLeftoverPostgres()
  fs.rmSync(PG_DIR, { recursive: true, force: true })
  fs.rmSync(`${PG_DIR}.lock`, { force: true })
  smtp = await startSmtpPeer()
  sentry = await startSentryPeer()
  primary = await startPrimary()
  second = await startSecond()
})

test.afterAll(async () => {
  test.setTimeout(60_000)
  // The database's owner last, and each asked to stop first: a server killed outright leaves
  // its embedded PostgreSQL running.
  for (const server of [...servers].reverse()) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) continue
    const { exit } = await stopGracefully(server)
    if (!exit) server.child.kill('SIGKILL')
  }
  await stopLeftoverPostgres()
  await smtp?.close()
  await sentry?.close()
})

test('probes answer fast and uncounted, and every answer carries its request id', async () => {
  const page = await fetch(`http://127.0.0.1:${E2E_PORT}/`)
  expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  // No METRICS_TOKEN on the suite's main server: the metrics are not served at all.
  expect((await fetch(`http://127.0.0.1:${E2E_PORT}/api/metrics`)).status).toBe(404)

  // More probes from one address than its hourly API budget (1,000): none is counted.
  const prober = { 'X-Forwarded-For': '203.0.113.77' }
  for (let index = 0; index < 1_010; index++) {
    const probe = await fetch(`${primary.url}/api/${index % 10 ? 'health' : 'ready'}`, {
      headers: prober,
    })
    expect(probe.status, `probe ${index + 1}`).toBe(200)
    await probe.arrayBuffer()
  }
  const after = await json(`${primary.url}/api/categories?limit=1`, { headers: prober })
  expect(after.status).toBe(200)

  // Readiness is of the moment: on two busy cores a check may miss its 1.5 s for a while.
  let ready: { body: unknown } = { body: null }
  await expect
    .poll(
      async () => {
        ready = await json(`${second.url}/api/ready`)
        return ready.body
      },
      { timeout: 20_000 },
    )
    .toMatchObject({
      status: 'ready',
      checks: { database: { state: 'up' }, mail: { state: 'up' }, realtime: { state: 'up' } },
    })
  expect(JSON.stringify(ready.body)).not.toContain('eventpros-local')
})

/** Everything Sentry was sent, as one string, to search for what must never be in it. */
const sentToSentry = () => sentry.envelopes.map((envelope) => envelope.raw).join('\n')

test('error tracking: an error in a signed-in browser reaches Sentry with the user as an id only', async ({
  page,
}) => {
  const organizer = await signIn(second, 'organizer@eventpros.test')
  await page
    .context()
    .addCookies([{ name: 'payload-token', value: organizer.token, url: second.url }])
  await page.goto(`${second.url}/account`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const marker = `browser error check ${Date.now().toString(36)}`
  // The SDK arrives after the page has come to life: throw until it has reported one.
  await expect
    .poll(
      async () => {
        await page.evaluate((message) => {
          setTimeout(() => {
            throw new Error(message)
          })
        }, marker)
        return sentry.events().find((event) => JSON.stringify(event.exception).includes(marker))
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toMatchObject({
      platform: 'javascript',
      environment: SENTRY_ENVIRONMENT,
      request: { url: `${second.url}/account` },
    })
  expect(sentry.problems).toEqual([])
  expect(sentToSentry()).not.toContain('organizer@eventpros.test')
})

test('two instances on one database: edits, messages, rate limits and jobs work across both', async () => {
  test.setTimeout(120_000)
  const vendor = await signIn(primary, 'vendor@eventpros.test')
  const organizer = await signIn(second, 'organizer@eventpros.test')
  const profile = await demoVendor(primary, vendor)

  // A vendor's edit through the first is found by a search on the second (sync every 2 s).
  const word = `zephyrine${Date.now().toString(36).replace(/\d/g, '')}`
  const saved = await json(`${primary.url}/api/vendors/${profile.id}`, {
    method: 'PATCH',
    token: vendor.token,
    body: { tagline: `Photography with a ${word} touch` },
  })
  expect(saved.status).toBe(200)
  await expect
    .poll(
      async () =>
        ((await json(`${second.url}/api/vendors/search?q=${word}`, { token: organizer.token })).body
          .data?.vendors ?? []) as { id: number }[],
      { timeout: 20_000 },
    )
    .toEqual([expect.objectContaining({ id: profile.id })])

  // A message sent through the first reaches a subscriber on the second.
  const thread = await json(`${second.url}/api/messages/threads`, {
    token: organizer.token,
    body: { vendor: profile.id },
  })
  expect([200, 201]).toContain(thread.status)
  const threadId = thread.body.data.thread.id as number
  const stream = await subscribe(second, organizer.token, `private-thread-${threadId}`)
  const sent = await json(`${primary.url}/api/messages/threads/${threadId}/messages`, {
    token: vendor.token,
    body: { body: MESSAGE },
  })
  expect(sent.status).toBe(201)
  await expect.poll(stream.text, { timeout: 10_000 }).toContain('event: message.created')
  expect(stream.text()).toContain(`"messageId":${sent.body.data.id}`)
  stream.close()

  // One budget across both: wrong passwords from one address, alternately to each instance,
  // reach the sign-in limit (5 in 15 minutes) together.
  const guesser = { 'X-Forwarded-For': '203.0.113.88' }
  const guesses: number[] = []
  for (let index = 0; index < 6; index++) {
    const answer = await json(`${(index % 2 ? second : primary).url}/api/users/login`, {
      headers: guesser,
      body: { email: 'nobody-here@eventpros.test', password: 'not-the-password' },
    })
    guesses.push(answer.status)
  }
  expect(guesses.slice(0, 5).every((status) => status !== 429)).toBe(true)
  expect(guesses[5]).toBe(429)

  // Both run the job queues on the same schedule: each invitation's email goes out once.
  const jobId = await organizersOpenJob(second, organizer)
  const vendors = (
    await json(`${primary.url}/api/vendors?limit=30&depth=0&where[id][not_equals]=${profile.id}`)
  ).body.docs.map((doc: { id: number }) => doc.id) as number[]
  const invited: number[] = []
  for (const [server, batch] of [
    [primary, vendors.slice(0, 8)],
    [second, vendors.slice(8, 16)],
  ] as const) {
    const answer = await json(`${server.url}/api/jobs/${jobId}/invitations`, {
      token: organizer.token,
      body: { vendors: batch },
    })
    expect(answer.status).toBe(201)
    invited.push(...answer.body.data.invited.map((row: { vendor: number }) => row.vendor))
  }
  expect(invited.length).toBeGreaterThanOrEqual(12)
  await expect.poll(() => invitationMails().length, { timeout: 30_000 }).toBe(invited.length)
  // Several more ticks of both crons (every 5 s): nothing is sent a second time.
  await new Promise((resolve) => setTimeout(resolve, 12_000))
  expect(invitationMails()).toHaveLength(invited.length)

  // Each instance exports its own figures: the requests above moved them.
  const metrics = await json(`${primary.url}/api/metrics`, {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  })
  expect(metrics.status).toBe(200)
  expect(metrics.body).toMatch(
    /eventpros_http_requests_total\{method="PATCH",route="\/api\/vendors\/:id",status="200"\} 1/,
  )
  expect(metrics.body).toMatch(/eventpros_emails_total\{outcome="sent"\} [1-9]/)
})

test('SIGTERM on an instance: its live streams are told to retry, exit 0 within 10 s', async () => {
  test.setTimeout(60_000)
  const organizer = await signIn(second, 'organizer@eventpros.test')
  const stream = await subscribe(second, organizer.token, '')
  const stopped = await stopGracefully(second)
  expect(stopped.exit).toMatchObject({ code: 0 })
  expect(stopped.seconds).toBeLessThanOrEqual(10)
  expect(stream.ended()).toBe(true)
  expect(stream.text()).toContain('retry: 1000')
})

test('SIGTERM on the database owner with live streams and a running job: the job finishes, exit 0 within 10 s, no postgres left', async () => {
  test.setTimeout(120_000)
  const organizer = await signIn(primary, 'organizer@eventpros.test')
  const streams = await Promise.all([
    subscribe(primary, organizer.token, ''),
    subscribe(primary, organizer.token, ''),
  ])
  // A slow mail relay: the email job is caught while it runs.
  smtp.holdMs = 2_000
  const jobId = await organizersOpenJob(primary, organizer)
  const vendors = (await json(`${primary.url}/api/vendors?limit=40&depth=0`)).body.docs
    .map((doc: { id: number }) => doc.id)
    .slice(30, 33) as number[]
  const before = invitationMails().length
  const answer = await json(`${primary.url}/api/jobs/${jobId}/invitations`, {
    token: organizer.token,
    body: { vendors },
  })
  expect(answer.status).toBe(201)
  expect(answer.body.data.invited.length).toBeGreaterThan(0)
  await expect.poll(() => smtp.inFlight(), { timeout: 15_000, intervals: [20] }).toBeGreaterThan(0)
  const { exit, seconds } = await stopGracefully(primary)
  smtp.holdMs = 0
  expect(exit).toMatchObject({ code: 0 })
  expect(seconds).toBeLessThanOrEqual(10)
  // The job running when the signal came finished its work.
  expect(smtp.inFlight()).toBe(0)
  expect(invitationMails().length).toBeGreaterThan(before)
  for (const stream of streams) {
    expect(stream.ended()).toBe(true)
    expect(stream.text()).toContain('retry: 1000')
  }
  expect(postgresRunning()).toBe('')
  const output = primary.lines.join('\n')
  expect(output).not.toMatch(/uncaught|unhandled/i)
  expect(output).not.toContain('terminating connection due to administrator command')
  expect(output).not.toContain('ECONNREFUSED')
})

test('readiness: 503 while the database is away, 200 once it is back, liveness throughout', async () => {
  test.setTimeout(180_000)
  primary = await startPrimary()
  second = await startSecond()
  const organizer = await signIn(second, 'organizer@eventpros.test')
  const listed = await json(`${second.url}/api/vendors?limit=1&depth=0`)
  const vendorPage = `/vendors/${listed.body.docs[0].slug as string}`
  const vendorId = listed.body.docs[0].id as number
  // Clients' mistakes, which Payload alone would answer (and report) as 500s: none is ours.
  const beforeMistakes = sentry.events().length
  expect((await json(`${second.url}/api/vendors?where=not-json`)).status).toBe(400)
  const graphql = await json(`${second.url}/api/graphql`, {
    body: {
      query:
        'mutation { loginUser(email: "nobody@example.test", password: "Wrong-password-2026") { token } }',
    },
  })
  expect(graphql.body.errors?.[0]?.extensions?.statusCode).toBe(401)
  // The owner stops and takes its PostgreSQL with it; the other instance stays up.
  expect((await stopGracefully(primary)).exit).toMatchObject({ code: 0 })
  await expect
    .poll(async () => (await json(`${second.url}/api/ready`)).status, { timeout: 15_000 })
    .toBe(503)
  const unready = await json(`${second.url}/api/ready`)
  expect(unready.body).toMatchObject({
    status: 'unready',
    checks: { database: { state: 'down', required: true } },
  })
  expect(JSON.stringify(unready.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres:/)
  expect((await json(`${second.url}/api/health`)).status).toBe(200)

  // Failures of ours, not a client's mistakes: each reaches Sentry, from Payload's REST route
  // (the Sentry plugin) and from a page Next rendered (onRequestError).
  const reported = sentry.events().length
  const rest = await json(`${second.url}/api/vendors?limit=1`, { token: organizer.token })
  expect(rest.status).toBe(500)
  expect(JSON.stringify(rest.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at \w+ \(/)
  // Signed in, the page is rendered for this request (not the anonymous copy in the cache).
  await fetch(`${second.url}${vendorPage}`, {
    headers: { Cookie: `payload-token=${organizer.token}` },
  })
  // One of our own endpoints (guarded: it answers its errors itself).
  expect(
    (await json(`${second.url}/api/vendors/${vendorId}/views`, { method: 'POST' })).status,
  ).toBe(500)
  await expect
    .poll(() => sentry.events().slice(reported), { timeout: 15_000 })
    .toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          platform: 'node',
          environment: SENTRY_ENVIRONMENT,
          extra: expect.objectContaining({ errorCollectionSlug: 'vendors' }),
        }),
        expect.objectContaining({
          platform: 'node',
          environment: SENTRY_ENVIRONMENT,
          contexts: expect.objectContaining({
            nextjs: expect.objectContaining({ request_path: '/vendors/:param' }),
          }),
        }),
        expect.objectContaining({
          platform: 'node',
          tags: expect.objectContaining({ route: '/api/vendors/:id/views' }),
        }),
      ]),
    )
  // Sent before these, the clients' mistakes would have arrived by now: none did.
  const mistakes = sentry.events().slice(beforeMistakes, reported)
  expect(mistakes.map((event) => JSON.stringify(event.exception))).toEqual([])
  expect(sentry.problems).toEqual([])
  // The requests above sent the token as a header and a cookie: neither is passed on.
  expect(sentToSentry()).not.toContain(organizer.token)
  expect(sentToSentry()).not.toContain('organizer@eventpros.test')

  primary = await startPrimary()
  await expect
    .poll(async () => (await json(`${second.url}/api/ready`)).status, { timeout: 30_000 })
    .toBe(200)
  for (const server of [second, primary]) {
    expect((await stopGracefully(server)).exit).toMatchObject({ code: 0 })
  }
  expect(postgresRunning()).toBe('')
})

test('one JSON line per request with its id, route, status and user, and no secret in any line', () => {
  const lines = servers.flatMap((server) => server.lines)
  const requests = lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === 'request')
  const patch = requests.find((entry) => entry.method === 'PATCH')
  expect(patch).toMatchObject({
    requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    route: '/api/vendors/:id',
    status: 200,
    durationMs: expect.any(Number),
    auth: 'session',
    userId: expect.stringMatching(/^\d+$/),
  })
  const login = requests.find((entry) => entry.route === '/api/users/login')
  expect(login).toMatchObject({ method: 'POST', status: 200 })
  for (const line of lines) {
    for (const secret of secrets) expect(line.includes(secret), line).toBe(false)
    expect(line).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/)
  }
})
