import type {
  CollectionSlug,
  DataFromCollectionSlug,
  Payload,
  PayloadRequest,
  RequestContext,
  Where,
} from 'payload'
import { cache } from 'react'

import { isStaffUser } from '@/access/roles'
import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { queueEmail } from '@/lib/kit/email'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import type { User } from '@/payload-types'
import { auditedElsewhere } from '@/plugins/staffAudit'

import { recordAudit } from './audit'
import { onlyFields, plainText } from './input'

/** The moderators' queues: what each one holds, as a filter on its collection. */
export const QUEUES = {
  pendingReviews: {
    label: 'Pending reviews',
    collection: slugs.reviews,
    where: { status: { equals: 'pending' } } satisfies Where,
  },
  reportedReviews: {
    label: 'Reported reviews',
    collection: slugs.reviews,
    where: { openReports: { greater_than: 0 } } satisfies Where,
  },
  flaggedMessages: {
    label: 'Flagged messages',
    collection: slugs.messages,
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
    collection: slugs.verificationDocuments,
    where: { status: { equals: 'pending' } } satisfies Where,
  },
  newVendors: {
    label: 'New vendor profiles',
    collection: slugs.vendors,
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

/** The signed-in moderator or admin; anyone else is refused with a 403. */
export const requireModerator = (req: PayloadRequest): User => {
  const user = signedIn(req)
  if (!isStaffUser(user)) throw new RequestError(403, 'FORBIDDEN', 'Only moderators can do this.')
  return user
}

const moderationReason = (value: unknown, required: boolean) => {
  const reason = plainText(value, 'reason')
  if (required && (!reason || reason.length < 5))
    throw invalidInput('reason', 'Give a reason: it is emailed to the person affected.')
  if (reason && reason.length > 1000)
    throw invalidInput('reason', 'Keep the reason under 1,000 characters.')
  return reason || null
}

type Decision<C extends string, S extends CollectionSlug> = {
  req: PayloadRequest
  moderator: User
  choice: C
  reason: string | null
  /** Writes the decision to the document with the moderator's own access. */
  save: (data: Partial<DataFromCollectionSlug<S>>) => Promise<DataFromCollectionSlug<S>>
}

type Moderation<C extends string, S extends CollectionSlug> = {
  collection: S
  /** What the route calls the document: `<noun> not found.` */
  noun: string
  /** The audit entry's noun: `<auditAs>.<choice>`. */
  auditAs: string
  /** The body field that names the choice. @default 'action' */
  field?: 'action' | 'decision'
  /** Each choice, and whether it needs a reason (emailed to the person affected). */
  choices: Record<C, { needsReason: boolean }>
  /** The body field that holds the reason. @default 'reason' */
  reasonField?: string
  /** Refuse any other field in the body, once the decision itself has been read. */
  strict?: boolean
  /** The context `save` writes with, for collections that accept a decision only from us. */
  context?: RequestContext
  /**
   * Applies the choice to the document (already read with the moderator's access) and tells
   * whoever it concerns; returns the saved document and what the audit log says of it.
   */
  act: (
    doc: DataFromCollectionSlug<S>,
    decision: Decision<C, S>,
  ) => Promise<{
    updated: DataFromCollectionSlug<S>
    summary: string
    details: Record<string, unknown>
  }>
}

/**
 * A moderator's decision on one document, run the same way for every queue: who decided
 * (moderators and admins only), which of `choices` they chose (named in a 400 otherwise) and the
 * reason; then, in one transaction, the document read, the decision applied and audited as
 * `<auditAs>.<choice>` with the reason after the summary.
 */
export const moderation =
  <C extends string, S extends CollectionSlug>(options: Moderation<C, S>) =>
  async (
    req: PayloadRequest,
    id: number,
    input: Record<string, unknown>,
  ): Promise<DataFromCollectionSlug<S>> => {
    const { collection, field = 'action', reasonField = 'reason' } = options
    const moderator = requireModerator(req)
    const choices = Object.keys(options.choices) as C[]
    const choice = input[field] as C
    if (!choices.includes(choice))
      throw invalidInput(field, `${field} must be one of ${choices.join(', ')}.`)
    const reason = moderationReason(input[reasonField], options.choices[choice].needsReason)
    if (options.strict) onlyFields(input, [field, reasonField])
    const save: Decision<C, S>['save'] = async (data) =>
      (await req.payload.update({
        collection,
        id,
        // Payload cannot relate a generic slug's data to its update type; each action's data is
        // checked against its own collection through `Decision['save']`.
        data: data as never,
        depth: 0,
        user: moderator,
        overrideAccess: false,
        // The decision's own entry below is the record; the staff audit adds none.
        context: { ...options.context, ...auditedElsewhere },
        req,
      })) as DataFromCollectionSlug<S>
    return inTransaction(req, async () => {
      const doc = await findVisible(req, collection, id, `${options.noun} not found.`)
      const { updated, summary, details } = await options.act(doc, {
        req,
        moderator,
        choice,
        reason,
        save,
      })
      await recordAudit(req, {
        action: `${options.auditAs}.${choice}`,
        targetCollection: collection,
        targetId: id,
        summary: `${summary}${reason ? `: ${reason}` : ''}`,
        details,
      })
      return updated
    })
  }

/**
 * A flagged message: `clear` says it is fine; `remove` takes it out of the conversation (the
 * words kept in the audit log for admins) and tells the sender why.
 */
export const moderateMessage = moderation({
  collection: slugs.messages,
  noun: 'Message',
  auditAs: 'message',
  choices: { clear: { needsReason: false }, remove: { needsReason: true } },
  context: writingAs('messaging'),
  act: async (message, { req, choice: action, reason, save }) => {
    if (message.moderation || message.deletedAt)
      throw new RequestError(409, 'ALREADY_DECIDED', 'This message has already been dealt with.')
    const updated = await save(
      action === 'clear'
        ? { moderation: 'cleared' }
        : {
            moderation: 'removed',
            body: null,
            attachments: [],
            deletedAt: new Date().toISOString(),
          },
    )
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
    return {
      updated,
      summary: `${action === 'clear' ? 'Cleared' : 'Removed'} flagged message ${message.id}`,
      details: { reason, body: action === 'remove' ? message.body : undefined },
    }
  },
})

/**
 * A new vendor profile: `approve` marks it looked at; `reject` takes it off the site (status
 * inactive) and tells the vendor why, so they can fix it and ask again.
 */
export const moderateVendor = moderation({
  collection: slugs.vendors,
  noun: 'Vendor',
  auditAs: 'vendor',
  choices: { approve: { needsReason: false }, reject: { needsReason: true } },
  act: async (vendor, { req, choice: action, reason, save }) => {
    const approved = action === 'approve'
    const updated = await save(
      approved ? { profileReview: 'approved' } : { profileReview: 'rejected', status: 'inactive' },
    )
    if (vendor.owner) {
      await queueEmail(req, {
        userId: idOf(vendor.owner),
        subject: approved
          ? `${vendor.businessName} is approved`
          : `${vendor.businessName} needs changes before it is listed`,
        intro: approved
          ? `We looked at ${vendor.businessName} and it is good to go.${reason ? ` Notes: ${reason}` : ''}`
          : `We took ${vendor.businessName} off the site for now. The reason: ${reason}`,
        actionLabel: 'Edit your profile',
        actionPath: '/account/vendor-profile',
      })
    }
    return {
      updated,
      summary: `${approved ? 'Approved' : 'Rejected'} vendor profile ${vendor.businessName}`,
      details: { reason },
    }
  },
})
