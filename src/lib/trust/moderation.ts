import type { Payload, PayloadRequest, Where } from 'payload'
import { cache } from 'react'

import { idOf } from '@/lib/idOf'
import { findVisible, MarketplaceError } from '@/lib/marketplace/errors'
import { queueEmail } from '@/lib/marketplace/notify'
import { inTransaction } from '@/lib/marketplace/transaction'
import { messagingContext } from '@/lib/messaging/context'
import type { Message, User, Vendor } from '@/payload-types'

import { recordAudit } from './audit'
import { moderatorDecision, requireModerator } from './reviews'

/** The moderators' queues: what each one holds, as a filter on its collection. */
export const QUEUES = {
  pendingReviews: {
    label: 'Pending reviews',
    collection: 'reviews',
    where: { status: { equals: 'pending' } } satisfies Where,
  },
  reportedReviews: {
    label: 'Reported reviews',
    collection: 'reviews',
    where: { openReports: { greater_than: 0 } } satisfies Where,
  },
  flaggedMessages: {
    label: 'Flagged messages',
    collection: 'messages',
    where: {
      and: [
        { flagged: { equals: true } },
        { moderation: { exists: false } },
        { deletedAt: { exists: false } },
      ],
    } satisfies Where,
  },
  pendingDocuments: {
    label: 'Verification documents',
    collection: 'verification-documents',
    where: { status: { equals: 'pending' } } satisfies Where,
  },
  newVendors: {
    label: 'New vendor profiles',
    collection: 'vendors',
    where: { profileReview: { equals: 'new' } } satisfies Where,
  },
} as const

export type QueueName = keyof typeof QUEUES

/** How many items wait in each queue, counted with this staff member's own access. */
export const countQueues = async (payload: Payload, user: User, req?: PayloadRequest) => {
  const entries = await Promise.all(
    (Object.keys(QUEUES) as QueueName[]).map(async (name) => {
      const queue = QUEUES[name]
      const { totalDocs } = await payload.count({
        collection: queue.collection,
        where: queue.where as Where,
        user,
        overrideAccess: false,
        req,
      })
      return [name, { label: queue.label, count: totalDocs }] as const
    }),
  )
  return Object.fromEntries(entries) as Record<QueueName, { label: string; count: number }>
}

/**
 * The counts once per server render: the admin's menu link and the dashboard panel both show
 * them on the same page.
 */
export const countQueuesForRender = cache((payload: Payload, user: User) =>
  countQueues(payload, user),
)

/** `GET /api/moderation/queues`: moderators and admins only. */
export const queueCounts = async (req: PayloadRequest) =>
  countQueues(req.payload, requireModerator(req), req)

/**
 * A flagged message: `clear` says it is fine; `remove` takes it out of the conversation (the
 * words kept in the audit log for admins) and tells the sender why.
 */
export const moderateMessage = async (
  req: PayloadRequest,
  id: number,
  input: Record<string, unknown>,
) => {
  const {
    moderator,
    choice: action,
    reason,
  } = moderatorDecision(req, input, {
    field: 'action',
    choices: ['clear', 'remove'],
    needsReason: ['remove'],
  })
  return inTransaction(req, async () => {
    const message = (await findVisible(req, 'messages', id, 'Message not found.')) as Message
    if (message.moderation || message.deletedAt)
      throw new MarketplaceError(
        409,
        'ALREADY_DECIDED',
        'This message has already been dealt with.',
      )
    const updated = await req.payload.update({
      collection: 'messages',
      id,
      data:
        action === 'clear'
          ? { moderation: 'cleared' }
          : {
              moderation: 'removed',
              body: null,
              attachments: [],
              deletedAt: new Date().toISOString(),
            },
      depth: 0,
      user: moderator,
      overrideAccess: false,
      context: messagingContext,
      req,
    })
    if (action === 'remove') {
      await queueEmail(req, {
        userId: idOf(message.sender),
        subject: 'A message of yours was removed',
        intro: `A moderator removed one of your messages. Their reason: ${reason}`,
        actionLabel: 'Open the conversation',
        actionPath: `/inbox/${idOf(message.thread)}`,
        outro: 'Keeping contact and payment on Event Pros protects both sides of a booking.',
      })
    }
    await recordAudit(req, {
      action: `message.${action}`,
      targetCollection: 'messages',
      targetId: id,
      summary: `${action === 'clear' ? 'Cleared' : 'Removed'} flagged message ${id}${reason ? `: ${reason}` : ''}`,
      details: { reason, body: action === 'remove' ? message.body : undefined },
    })
    return updated
  })
}

/**
 * A new vendor profile: `approve` marks it looked at; `reject` takes it off the site (status
 * inactive) and tells the vendor why, so they can fix it and ask again.
 */
export const moderateVendor = async (
  req: PayloadRequest,
  id: number,
  input: Record<string, unknown>,
) => {
  const {
    moderator,
    choice: action,
    reason,
  } = moderatorDecision(req, input, {
    field: 'action',
    choices: ['approve', 'reject'],
    needsReason: ['reject'],
  })
  return inTransaction(req, async () => {
    const vendor = (await findVisible(req, 'vendors', id, 'Vendor not found.')) as Vendor
    const updated = await req.payload.update({
      collection: 'vendors',
      id,
      data:
        action === 'approve'
          ? { profileReview: 'approved' }
          : { profileReview: 'rejected', status: 'inactive' },
      depth: 0,
      user: moderator,
      overrideAccess: false,
      req,
    })
    if (vendor.owner) {
      await queueEmail(req, {
        userId: idOf(vendor.owner),
        subject:
          action === 'approve'
            ? `${vendor.businessName} is approved`
            : `${vendor.businessName} needs changes before it is listed`,
        intro:
          action === 'approve'
            ? `We looked at ${vendor.businessName} and it is good to go.${reason ? ` Notes: ${reason}` : ''}`
            : `We took ${vendor.businessName} off the site for now. The reason: ${reason}`,
        actionLabel: 'Edit your profile',
        actionPath: '/account/vendor-profile',
      })
    }
    await recordAudit(req, {
      action: `vendor.${action}`,
      targetCollection: 'vendors',
      targetId: id,
      summary: `${action === 'approve' ? 'Approved' : 'Rejected'} vendor profile ${vendor.businessName}${reason ? `: ${reason}` : ''}`,
      details: { reason },
    })
    return updated
  })
}
