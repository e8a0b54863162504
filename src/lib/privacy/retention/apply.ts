import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, Where } from 'payload'

import { slugs } from '@/collections/slugs'
import { SELF_SERVICE_ROLES } from '@/lib/constants'
import { transactionDb } from '@/lib/kit/transaction'
import { recordAudit } from '@/lib/trust/audit'

import { RETENTION } from './periods'

const DAY_MS = 86_400_000
/** At most this many rows per kind and step, so one run never holds a huge transaction. */
const BATCH = 200

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)

const yearsBefore = (now: Date, years: number) => {
  const cutoff = new Date(now)
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years)
  return cutoff
}

/** What `req.context` carries on deletions the retention job makes, for hooks that care. */
export const RETENTION_CONTEXT = { retention: true } as const

const notVerified: Where = {
  or: [{ _verified: { equals: false } }, { _verified: { exists: false } }],
}

/**
 * References that are the account itself rather than data attached to it: the rows of its own
 * arrays and relationships (`users_sessions.parent_id`…) and the admin panel's preferences and
 * locks.
 */
const isTheAccountItself = (table: string, column: string) =>
  table === 'payload_preferences_rels' ||
  table === 'payload_locked_documents_rels' ||
  (table.startsWith('users_') && column === 'parent_id')

/**
 * The accounts among `ids` that any row in the database refers to: a vendor profile, a job, a
 * message, an upload, an audit-free relationship of any collection (other helpers' too), read
 * from PostgreSQL's own foreign keys so no collection can be forgotten here.
 */
const accountsWithData = async (req: PayloadRequest, ids: number[]): Promise<Set<number>> => {
  const db = await transactionDb(req)
  const { rows: references } = await db.execute<{ schema: string; table: string; column: string }>(
    sql`SELECT ns.nspname AS schema, cl.relname AS table, att.attname AS column
        FROM pg_constraint con
        JOIN pg_class cl ON cl.oid = con.conrelid
        JOIN pg_namespace ns ON ns.oid = cl.relnamespace
        JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
        WHERE con.contype = 'f'
          AND con.confrelid = (SELECT cl2.oid FROM pg_class cl2
                               JOIN pg_namespace ns2 ON ns2.oid = cl2.relnamespace
                               WHERE cl2.relname = 'users' AND ns2.nspname = current_schema())`,
  )
  const attached = new Set<number>()
  for (const { schema, table, column } of references) {
    if (isTheAccountItself(table, column)) continue
    const { rows } = await db.execute<{ id: number }>(
      sql`SELECT DISTINCT ${sql.identifier(column)} AS id
          FROM ${sql.identifier(schema)}.${sql.identifier(table)}
          WHERE ${sql.identifier(column)} = ANY(${sql.param(ids)}::int[])`,
    )
    for (const row of rows) attached.add(Number(row.id))
  }
  return attached
}

/**
 * Sign-ups whose email was never confirmed within 30 days: deleted, unless the account is staff
 * (never removed by a job) or anything else refers to it (kept for a person to decide).
 */
export const removeUnverifiedSignUps = async (req: PayloadRequest, now = new Date()) => {
  const cutoff = daysBefore(now, RETENTION.unverifiedSignUpDays).toISOString()
  const where: Where = {
    and: [
      notVerified,
      { createdAt: { less_than: cutoff } },
      { role: { in: [...SELF_SERVICE_ROLES] } },
    ],
  }
  // System read: the job looks at every account, which no person's access would allow.
  const { docs } = await req.payload.find({
    collection: slugs.users,
    where,
    select: {},
    depth: 0,
    limit: BATCH,
    sort: 'createdAt',
    overrideAccess: true,
    req,
  })
  const candidates = docs.map((doc) => doc.id)
  if (candidates.length === 0) return []
  const attached = await accountsWithData(req, candidates)
  const removable = candidates.filter((id) => !attached.has(id))
  if (removable.length === 0) return []
  // System write: removing accounts nobody confirmed; `where` again so one confirmed meanwhile stays.
  const { docs: removed } = await req.payload.delete({
    collection: slugs.users,
    where: { and: [where, { id: { in: removable } }] },
    depth: 0,
    overrideAccess: true,
    context: RETENTION_CONTEXT,
    req,
  })
  return removed.map((doc) => doc.id)
}

/**
 * Conversations with no message for 3 years: the attachments (their files too), the messages
 * and the thread are deleted, in that order so nothing is left pointing at what is gone.
 */
export const removeIdleConversations = async (req: PayloadRequest, now = new Date()) => {
  const cutoff = yearsBefore(now, RETENTION.generalYears).toISOString()
  // System read and writes: the job applies the period to every conversation.
  const { docs } = await req.payload.find({
    collection: slugs.threads,
    where: {
      or: [
        { lastMessageAt: { less_than: cutoff } },
        { and: [{ lastMessageAt: { exists: false } }, { createdAt: { less_than: cutoff } }] },
      ],
    },
    select: {},
    depth: 0,
    limit: BATCH,
    overrideAccess: true,
    req,
  })
  const threads = docs.map((doc) => doc.id)
  if (threads.length === 0) return { threads: [], messages: 0, attachments: 0 }
  const inThreads: Where = { thread: { in: threads } }
  // No `select`: Payload deletes an upload's file by the filename on the document it read.
  const common = { depth: 0, overrideAccess: true, context: RETENTION_CONTEXT, req }
  const attachments = await req.payload.delete({
    collection: slugs.messageAttachments,
    where: inThreads,
    ...common,
  })
  const messages = await req.payload.delete({
    collection: slugs.messages,
    where: inThreads,
    ...common,
  })
  const removed = await req.payload.delete({
    collection: slugs.threads,
    where: { id: { in: threads } },
    ...common,
  })
  return {
    threads: removed.docs.map((doc) => doc.id),
    messages: messages.docs.length,
    attachments: attachments.docs.length,
  }
}

/**
 * Verification documents that were rejected or have expired, untouched for 3 years: deleted
 * with their files. Approved and pending ones stay; they are what a badge rests on.
 */
export const removeSettledVerificationDocuments = async (req: PayloadRequest, now = new Date()) => {
  const cutoff = yearsBefore(now, RETENTION.generalYears).toISOString()
  // System write: the job applies the period to every vendor's documents.
  const { docs } = await req.payload.delete({
    collection: slugs.verificationDocuments,
    where: {
      and: [{ status: { in: ['rejected', 'expired'] } }, { updatedAt: { less_than: cutoff } }],
    },
    depth: 0,
    overrideAccess: true,
    context: RETENTION_CONTEXT,
    req,
  })
  return docs.map((doc) => doc.id)
}

/**
 * Webhook deliveries untouched for 30 days: the log and its copies go. One still being retried
 * is written at every attempt; one waiting on an endpoint turned off a month ago goes too.
 */
export const removeOldWebhookDeliveries = async (req: PayloadRequest, now = new Date()) => {
  const cutoff = new Date(now.getTime() - RETENTION.webhookDeliveryDays * 86_400_000)
  // System write: the job applies the period to every endpoint's log.
  const { docs } = await req.payload.delete({
    collection: slugs.webhookDeliveries,
    where: { updatedAt: { less_than: cutoff.toISOString() } },
    depth: 0,
    select: {},
    overrideAccess: true,
    context: RETENTION_CONTEXT,
    req,
  })
  return docs.length
}

export type RetentionResult = {
  unverifiedAccounts: number[]
  conversations: number[]
  messages: number
  attachments: number
  verificationDocuments: number[]
  webhookDeliveries: number
}

/** One run of every retention rule, audited when it removed anything. */
export const applyRetention = async (
  req: PayloadRequest,
  now = new Date(),
): Promise<RetentionResult> => {
  const unverifiedAccounts = await removeUnverifiedSignUps(req, now)
  const idle = await removeIdleConversations(req, now)
  const verificationDocuments = await removeSettledVerificationDocuments(req, now)
  const webhookDeliveries = await removeOldWebhookDeliveries(req, now)
  const result: RetentionResult = {
    unverifiedAccounts,
    conversations: idle.threads,
    messages: idle.messages,
    attachments: idle.attachments,
    verificationDocuments,
    webhookDeliveries,
  }
  if (
    unverifiedAccounts.length > 0 ||
    idle.threads.length > 0 ||
    verificationDocuments.length > 0
  ) {
    await recordAudit(req, {
      action: 'privacy.retention',
      targetCollection: slugs.users,
      summary:
        `Retention: removed ${unverifiedAccounts.length} unconfirmed sign-up(s) older than ${RETENTION.unverifiedSignUpDays} days` +
        `, ${idle.threads.length} conversation(s) idle for ${RETENTION.generalYears} years ` +
        `(${idle.messages} message(s), ${idle.attachments} attachment(s)) and ` +
        `${verificationDocuments.length} rejected or expired verification document(s).`,
      details: result,
    })
  }
  return result
}
