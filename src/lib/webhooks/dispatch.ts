import http from 'node:http'
import https from 'node:https'

import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { checkRole } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { isSuspended } from '@/lib/auth/suspension'
import { idOf } from '@/lib/kit/ids'
import { MARKETPLACE_QUEUE, queueEmail } from '@/lib/kit/email'
import { guardedLookup, literalAddress } from '@/lib/kit/publicAddress'
import { metrics } from '@/lib/operations/metrics'
import type { WebhookDelivery, WebhookEndpoint } from '@/payload-types'

import { destinationAllowed, destinationProblem } from './destination'
import { signedHeaders } from './signing'

export const DISPATCH_WEBHOOKS_TASK = 'dispatchWebhooks'

export const DELIVERY_STATUSES = [
  { value: 'pending', label: 'Waiting to be sent' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'failed', label: 'Given up' },
] as const

/**
 * The waits before each retry, as Standard Webhooks suggests: 8 attempts over about 28 hours,
 * so a receiver down for a day still gets every event.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const

/** An endpoint failing every delivery for this long is turned off and its owner emailed. */
export const DISABLE_AFTER_MS = 3 * 24 * 3_600_000

/** How long one attempt may take, answer included. */
export const ATTEMPT_TIMEOUT_MS = 10_000

/** A claimed delivery whose dispatcher died is taken up again after this. */
const CLAIM_SECONDS = 60
/** Lanes sent to at once in one run; each lane is sent to in order, one delivery at a time. */
const LANES_AT_ONCE = 10
const MAX_PER_RUN = 200

/** Queues a run of the dispatcher, in the request's transaction when there is one. */
export const queueDispatch = async (
  req: PayloadRequest | undefined,
  payload: Payload = req!.payload,
  waitUntil?: Date,
): Promise<void> => {
  await payload.jobs.queue({
    task: DISPATCH_WEBHOOKS_TASK,
    queue: MARKETPLACE_QUEUE,
    input: {},
    ...(waitUntil && { waitUntil }),
    ...(req && { req }),
  } as never)
}

/**
 * Takes the deliveries due now that head their lane (an endpoint and one resource): none of
 * the same lane before them is still waiting, so events about one booking arrive in the order
 * they happened. At most one per endpoint at a time, so an endpoint that never answers holds
 * up only itself. The UPDATE checks the claim again on each row, so two instances never take
 * the same delivery.
 */
const claimDue = async (payload: Payload, limit: number): Promise<number[]> => {
  const { drizzle } = payload.db as unknown as PostgresAdapter
  const { rows } = await drizzle.execute(sql`
    UPDATE webhook_deliveries SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id IN (
      SELECT id FROM (
        SELECT DISTINCT ON (d.endpoint_id) d.id FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries busy
            WHERE busy.endpoint_id = d.endpoint_id AND busy.claimed_until > now())
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries earlier
            WHERE earlier.lane = d.lane AND earlier.status = 'pending' AND earlier.id < d.id)
        ORDER BY d.endpoint_id, d.id
      ) heads
      ORDER BY id
      LIMIT ${limit})
    AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < now())
    RETURNING id`)
  return (rows as { id: number }[]).map((row) => row.id)
}

type Outcome = { ok: true; status: number } | { ok: false; status?: number; error: string }

const refused = () =>
  new Error('The address resolves to a private network; webhooks go to public servers only.')

/** One POST, on the checked address, following no redirect. */
const post = (url: URL, body: string, headers: Record<string, string>): Promise<Outcome> =>
  new Promise((resolve) => {
    const problem = destinationProblem(url)
    if (problem) return resolve({ ok: false, error: problem })
    const literal = literalAddress(url)
    if (literal && !destinationAllowed(literal)) {
      return resolve({ ok: false, error: refused().message })
    }
    const client = url.protocol === 'https:' ? https : http
    const request = client.request(
      url,
      {
        method: 'POST',
        // A connection of its own each time: its address is checked by the lookup every time.
        agent: false,
        lookup: guardedLookup(destinationAllowed, refused),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'EventProsNZ-Webhooks/1',
        },
      },
      (response) => {
        response.resume()
        const status = response.statusCode ?? 0
        if (status >= 200 && status < 300) return resolve({ ok: true, status })
        const error =
          status >= 300 && status < 400
            ? 'The endpoint redirected; webhooks follow no redirect, so register the final address.'
            : `The endpoint answered ${status}.`
        resolve({ ok: false, status, error })
      },
    )
    request.on('error', (error: Error) =>
      resolve({
        ok: false,
        error:
          error.name === 'TimeoutError' || error.name === 'AbortError'
            ? `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} seconds.`
            : error.message || 'The endpoint could not be reached.',
      }),
    )
    request.end(body)
  })

const secretsOf = (endpoint: WebhookEndpoint & Record<string, unknown>, now: Date): string[] => {
  const expires = endpoint.previousSecretExpiresAt as string | null | undefined
  const previous = endpoint.previousSecret as string | null | undefined
  return [
    endpoint.secret as string,
    ...(previous && expires && new Date(expires) > now ? [previous] : []),
  ]
}

/**
 * Turns an endpoint off after three days of failures and tells its owner why and how to
 * resume: once, however many of its deliveries fail at the same moment.
 */
const disable = async (req: PayloadRequest, endpoint: WebhookEndpoint, since: Date) => {
  const reason = `Every delivery failed from ${since.toISOString()} for 3 days.`
  const { drizzle } = req.payload.db as unknown as PostgresAdapter
  const { rows } = await drizzle.execute(sql`
    UPDATE webhook_endpoints SET enabled = false, disabled_reason = ${reason}, updated_at = now()
    WHERE id = ${endpoint.id} AND enabled RETURNING id`)
  if (rows.length === 0) return
  await queueEmail(req, {
    userId: idOf(endpoint.owner),
    subject: 'Your webhook endpoint was turned off',
    intro: `We could not deliver events to ${endpoint.url} for 3 days, so we turned it off. Events that happen while it is off are not kept. When it works again, turn it back on: the events that were waiting are sent then, in order.`,
    actionLabel: 'Open the endpoint',
    actionPath: `/admin/collections/${slugs.webhookEndpoints}/${endpoint.id}`,
  })
}

/** A failure ends a streak begun more than a day after the last one: the endpoint was idle. */
const STREAK_GAP_MS = 24 * 3_600_000

// System reads and writes below: the dispatcher acts for the endpoint's owner, whose access
// chose what each delivery carries when it was written; the log and an endpoint's health are
// written by this code alone.

/** Writes a delivery's outcome to the log. */
const recordDelivery = (payload: Payload, id: number, data: Partial<WebhookDelivery>) =>
  payload.update({ collection: slugs.webhookDeliveries, id, data, depth: 0, overrideAccess: true })

/** Writes an endpoint's failure streak. */
const recordHealth = (payload: Payload, id: number, data: Partial<WebhookEndpoint>) =>
  payload.update({ collection: slugs.webhookEndpoints, id, data, depth: 0, overrideAccess: true })

/** Who may still receive an endpoint's events: its owner, while a vendor or admin in good standing. */
const ownerStillReceives = async (payload: Payload, ownerId: number): Promise<boolean> => {
  const owner = await payload.findByID({
    collection: slugs.users,
    id: ownerId,
    depth: 0,
    showHiddenFields: true,
    overrideAccess: true,
    disableErrors: true,
  })
  return Boolean(owner && !isSuspended(owner) && checkRole(['vendor', 'admin'], owner))
}

/** One attempt at one claimed delivery, and its outcome written to the log. */
const deliverOne = async (req: PayloadRequest, id: number, now = new Date()): Promise<boolean> => {
  const { payload } = req
  const delivery = (await payload.findByID({
    collection: slugs.webhookDeliveries,
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })) as WebhookDelivery | null
  if (!delivery || delivery.status !== 'pending') return false
  const endpoint = (await payload.findByID({
    collection: slugs.webhookEndpoints,
    id: delivery.endpoint as number,
    depth: 0,
    showHiddenFields: true,
    overrideAccess: true,
    disableErrors: true,
  })) as (WebhookEndpoint & Record<string, unknown>) | null
  if (!endpoint) return false
  if (!(await ownerStillReceives(payload, idOf(endpoint.owner)))) {
    await recordDelivery(payload, id, {
      status: 'failed',
      lastError: 'The endpoint’s owner can no longer receive events.',
      claimedUntil: null,
    })
    return false
  }
  const body = JSON.stringify(delivery.payload)
  const outcome = await post(
    new URL(endpoint.url),
    body,
    signedHeaders({ id: delivery.eventId, body, secrets: secretsOf(endpoint, now) }, now),
  )
  const attempts = (delivery.attempts ?? 0) + 1
  const retryIn = RETRY_DELAYS_MS[attempts - 1]
  const next = outcome.ok || retryIn === undefined ? null : new Date(now.getTime() + retryIn)
  metrics().webhookDeliveries.inc({
    outcome: outcome.ok ? 'delivered' : next ? 'retrying' : 'failed',
  })
  await recordDelivery(payload, id, {
    status: outcome.ok ? 'delivered' : next ? 'pending' : 'failed',
    attempts,
    lastAttemptAt: now.toISOString(),
    lastStatusCode: outcome.status ?? null,
    lastError: outcome.ok ? null : outcome.error,
    deliveredAt: outcome.ok ? now.toISOString() : null,
    nextAttemptAt: next?.toISOString() ?? null,
    claimedUntil: null,
  })
  if (outcome.ok) {
    if (endpoint.failingSince) {
      await recordHealth(payload, endpoint.id, { failingSince: null, lastFailureAt: null })
    }
    return true
  }
  const last = endpoint.lastFailureAt ? new Date(endpoint.lastFailureAt) : null
  const ongoing =
    endpoint.failingSince && last && now.getTime() - last.getTime() <= STREAK_GAP_MS
      ? new Date(endpoint.failingSince)
      : null
  await recordHealth(payload, endpoint.id, {
    lastFailureAt: now.toISOString(),
    ...(!ongoing && { failingSince: now.toISOString() }),
  })
  if (ongoing && now.getTime() - ongoing.getTime() >= DISABLE_AFTER_MS) {
    await disable(req, endpoint, ongoing)
  }
  if (next) await queueDispatch(undefined, payload, next)
  return false
}

/**
 * One run of the dispatcher: sends what is due, lane by lane (a lane's next delivery goes as
 * soon as the one before it succeeded or was given up), until nothing is due or the run's
 * share is sent.
 */
export const dispatchWebhooks = async (req: PayloadRequest): Promise<{ attempted: number }> => {
  let attempted = 0
  while (attempted < MAX_PER_RUN) {
    const due = await claimDue(req.payload, LANES_AT_ONCE)
    if (due.length === 0) break
    const outcomes = await Promise.allSettled(due.map((id) => deliverOne(req, id)))
    for (const outcome of outcomes) {
      // An endpoint deleted while its delivery was on the way, say: the others go on.
      if (outcome.status === 'rejected') {
        req.payload.logger.warn({
          err: outcome.reason,
          msg: 'A webhook delivery could not be recorded',
        })
      }
    }
    attempted += due.length
  }
  return { attempted }
}
