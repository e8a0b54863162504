import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { RequestError } from '@/lib/kit/errors'
import { MARKETPLACE_QUEUE } from '@/lib/kit/email'
import { inTransaction, transactionDb } from '@/lib/kit/transaction'
import { recordAudit } from '@/lib/trust/audit'
import type { DataExport, User } from '@/payload-types'

export const BUILD_DATA_EXPORT_TASK = 'buildDataExport'

/** Exports one person may ask for in 24 hours: enough to retry, not enough to fill the disk. */
export const DAILY_EXPORT_LIMIT = 5

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * An export still queued after this long has stopped (the job is not retried): it no longer
 * holds up a new one, and the daily clean-up marks it failed.
 */
export const STALLED_AFTER_MS = 60 * 60 * 1000

/**
 * Queues an export of `subject`'s data for `requester` (the person themselves, or an admin
 * answering a request received by email) and its job, audited. One at a time per person:
 * while one is being prepared another is a 409, and the person's account row is locked so two
 * clicks at once cannot both get through.
 */
export const requestDataExport = async (
  req: PayloadRequest,
  requester: User,
  subject: Pick<User, 'id' | 'email'>,
  reason?: string,
): Promise<Pick<DataExport, 'id' | 'status'>> =>
  inTransaction(req, async () => {
    const forSelf = requester.id === subject.id
    const db = await transactionDb(req)
    await db.execute(sql`select id from users where id = ${subject.id} for update`)
    // System read: an admin's request must see the person's own requests and theirs alike.
    const recent = await req.payload.find({
      collection: slugs.dataExports,
      where: {
        user: { equals: subject.id },
        createdAt: { greater_than: new Date(Date.now() - DAY_MS).toISOString() },
      },
      depth: 0,
      limit: DAILY_EXPORT_LIMIT + 1,
      overrideAccess: true,
      req,
    })
    const stalledBefore = Date.now() - STALLED_AFTER_MS
    const inProgress = recent.docs.some(
      (row) => row.status === 'queued' && new Date(row.createdAt).getTime() > stalledBefore,
    )
    if (inProgress) {
      throw new RequestError(
        409,
        'EXPORT_IN_PROGRESS',
        forSelf
          ? 'Your data is already being put together. We will email you when it is ready, usually within a few minutes.'
          : 'An export of this account is already being prepared. Wait for it to finish before asking for another.',
      )
    }
    if (forSelf && recent.docs.length >= DAILY_EXPORT_LIMIT) {
      throw new RequestError(
        429,
        'EXPORT_LIMIT',
        `You have asked for your data ${DAILY_EXPORT_LIMIT} times in the last 24 hours. Download your latest file from your account page, or try again tomorrow.`,
      )
    }
    // System write: nobody creates exports through the API; this operation and the job do.
    const created = await req.payload.create({
      collection: slugs.dataExports,
      data: { user: subject.id, requestedBy: requester.id, status: 'queued' },
      depth: 0,
      overrideAccess: true,
      req,
    })
    await req.payload.jobs.queue({
      task: BUILD_DATA_EXPORT_TASK,
      queue: MARKETPLACE_QUEUE,
      input: { exportId: created.id },
      req,
    })
    await recordAudit(req, {
      action: 'data-export.request',
      targetCollection: slugs.users,
      targetId: subject.id,
      summary: forSelf
        ? `${subject.email} asked for a copy of their data`
        : `Export of ${subject.email}'s data made for a request received by staff`,
      details: { exportId: created.id, ...(reason ? { reason } : {}) },
    })
    return { id: created.id, status: created.status }
  })
