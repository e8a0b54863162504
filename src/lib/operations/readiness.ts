import fs from 'node:fs/promises'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import nodemailer from 'nodemailer'
import type { Payload } from 'payload'
import type pg from 'pg'

import { getEnv } from '@/lib/kit/env'
import { getSearchEngine } from '@/plugins/search'
import { getRealtime } from '@/plugins/realtime'

import { migrations } from '../../../migrations'
import { shuttingDown } from './shutdownSteps'

export type CheckState = 'up' | 'down' | 'degraded'

/** What a check found, with figures of its own (the migration applied, the jobs waiting). */
type Outcome = {
  state: CheckState
  /** A sentence for the person looking, never an address, key or the error's own text. */
  detail?: string
} & Record<string, unknown>

export type Check = Outcome & {
  /** Whether the instance is unready while this is down. */
  required: boolean
  latencyMs: number
}

export type Readiness = {
  status: 'ready' | 'unready' | 'shutting-down'
  checkedAt: string
  checks: Record<'database' | 'search' | 'realtime' | 'mail' | 'jobs', Check>
}

/** Each check's own limit: a dependency that hangs is as down as one that refuses. */
const CHECK_TIMEOUT_MS = 1_500
/** Due jobs waiting longer than this make the queue degraded (not unready: work is only late). */
const JOB_LAG_DEGRADED_SECONDS = 300
/** Readiness is polled every few seconds by each balancer: one set of checks serves them all. */
const FRESH_FOR_MS = 2_000
/** SMTP's check opens a connection and signs in: done far less often than the rest. */
const MAIL_FRESH_FOR_MS = 60_000

const pool = (payload: Payload) =>
  (payload.db as unknown as PostgresAdapter).pool as unknown as pg.Pool

const timed = async (required: boolean, check: () => Promise<Outcome>): Promise<Check> => {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ state: 'down', detail: 'did not answer in time' }),
      CHECK_TIMEOUT_MS,
    )
  })
  const result = await Promise.race([
    check().catch((): Outcome => ({ state: 'down', detail: 'not reachable' })),
    timeout,
  ])
  clearTimeout(timer)
  return { ...result, required, latencyMs: Math.round((performance.now() - started) * 10) / 10 }
}

/** Reachable, and in production at the newest committed migration (development pushes). */
const checkDatabase = (payload: Payload) =>
  timed(true, async () => {
    await pool(payload).query('SELECT 1')
    if (getEnv().NODE_ENV !== 'production') return { state: 'up', migration: 'push' }
    const { rows } = await pool(payload).query<{ name: string }>(
      `SELECT name FROM payload_migrations WHERE batch > 0 ORDER BY id DESC LIMIT 1`,
    )
    const expected = migrations.at(-1)?.name
    const applied = rows[0]?.name ?? null
    return applied === expected
      ? { state: 'up', migration: applied }
      : { state: 'down', migration: applied, detail: `migration ${expected} is not applied` }
  })

const checkSearch = (payload: Payload) =>
  timed(true, async () => {
    const engine = getSearchEngine(payload)
    // The PostgreSQL engine is the database, checked above; its count would cost a scan.
    if (engine.name === 'postgres') return { state: 'up', engine: engine.name }
    const health = await engine.health()
    return health.ok
      ? { state: 'up', engine: engine.name }
      : { state: 'down', engine: engine.name, detail: 'the search engine is not answering' }
  })

const checkRealtime = (payload: Payload) =>
  timed(true, async () => {
    const driver = getRealtime(payload)
    const health = await driver.health()
    return health.ok
      ? { state: 'up', driver: driver.name }
      : { state: 'down', driver: driver.name, detail: health.error }
  })

let mailChecked: { at: number; check: Promise<Check> } | undefined

/** Not required: emails wait in the job queue and are retried, so the site still works. */
const checkMail = () => {
  if (mailChecked && Date.now() - mailChecked.at < MAIL_FRESH_FOR_MS) return mailChecked.check
  const env = getEnv()
  const check = timed(false, async () => {
    if (!env.SMTP_HOST) {
      await fs.mkdir(env.MAIL_DIR, { recursive: true })
      await fs.access(env.MAIL_DIR, fs.constants.W_OK)
      return { state: 'up', transport: 'files' }
    }
    const transport = nodemailer.createTransport({
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS } : undefined,
      connectionTimeout: CHECK_TIMEOUT_MS,
    })
    try {
      await transport.verify()
      return { state: 'up', transport: 'smtp' }
    } catch {
      return { state: 'down', transport: 'smtp', detail: 'the SMTP server refused or is down' }
    } finally {
      transport.close()
    }
  })
  mailChecked = { at: Date.now(), check }
  return check
}

export type QueueFigures = { queue: string; due: number; oldestDueSeconds: number }

/** Due jobs per queue and how long the oldest has waited: the work this app is behind on. */
export const queueFigures = async (payload: Payload): Promise<QueueFigures[]> => {
  const { rows } = await pool(payload).query<QueueFigures>(
    `SELECT queue,
            count(*)::int AS due,
            coalesce(extract(epoch FROM now() - min(greatest(created_at, coalesce(wait_until, created_at)))), 0)::float AS "oldestDueSeconds"
       FROM payload_jobs
      WHERE completed_at IS NULL AND has_error IS NOT TRUE
        AND (wait_until IS NULL OR wait_until <= now())
      GROUP BY queue`,
  )
  return rows
}

const checkJobs = (payload: Payload) =>
  timed(false, async () => {
    const queues = await queueFigures(payload)
    const oldest = Math.max(0, ...queues.map((queue) => queue.oldestDueSeconds))
    const due = queues.reduce((sum, queue) => sum + queue.due, 0)
    return {
      state: oldest > JOB_LAG_DEGRADED_SECONDS ? 'degraded' : 'up',
      due,
      oldestDueSeconds: Math.round(oldest),
      ...(oldest > JOB_LAG_DEGRADED_SECONDS
        ? { detail: 'queued work is waiting longer than 5 minutes: is a worker running?' }
        : {}),
    }
  })

const measure = async (payload: Payload): Promise<Readiness> => {
  const [database, search, realtime, mail, jobs] = await Promise.all([
    checkDatabase(payload),
    checkSearch(payload),
    checkRealtime(payload),
    checkMail(),
    checkJobs(payload),
  ])
  const checks = { database, search, realtime, mail, jobs }
  const ready = Object.values(checks).every((check) => !check.required || check.state !== 'down')
  return { status: ready ? 'ready' : 'unready', checkedAt: new Date().toISOString(), checks }
}

let latest: { at: number; readiness: Promise<Readiness> } | undefined

/**
 * Whether this instance should be sent traffic: every required dependency up and the instance
 * not shutting down. Measured at most every 2 seconds however many ask.
 */
export const readiness = async (payload: Payload): Promise<Readiness> => {
  if (!latest || Date.now() - latest.at >= FRESH_FOR_MS) {
    latest = { at: Date.now(), readiness: measure(payload) }
  }
  const result = await latest.readiness
  return shuttingDown() ? { ...result, status: 'shutting-down' } : result
}
