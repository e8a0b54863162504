import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { sendQueuedEmail } from '@/lib/kit/email'
import { idOf } from '@/lib/kit/ids'
import type { Thread } from '@/payload-types'

import { UNREAD_EMAIL_AFTER_MS, UNREAD_EMAIL_EVERY_MS } from './rules'

export const UNREAD_EMAILS_TASK = 'sendUnreadMessageEmails'

/**
 * Emails whoever has a message waiting unread for 15 minutes: one email per conversation per
 * hour at most, none to people who turned these off. Runs every minute; safe to repeat.
 * System work: it reads every conversation with something unread.
 */
export const sendUnreadMessageEmails = async (req: PayloadRequest): Promise<{ emails: number }> => {
  const { payload } = req
  const now = Date.now()
  const { docs: threads } = await payload.find({
    collection: slugs.threads,
    where: {
      and: [
        { or: [{ organizerUnread: { greater_than: 0 } }, { vendorUnread: { greater_than: 0 } }] },
        { lastMessageAt: { less_than_equal: new Date(now).toISOString() } },
        {
          or: [
            { reminderSentAt: { exists: false } },
            { reminderSentAt: { less_than: new Date(now - UNREAD_EMAIL_EVERY_MS).toISOString() } },
          ],
        },
      ],
    },
    limit: 200,
    depth: 1,
    overrideAccess: true,
    req,
  })
  let emails = 0
  for (const thread of threads) {
    for (const side of ['organizer', 'vendor'] as const) {
      const unread = side === 'organizer' ? thread.organizerUnread : thread.vendorUnread
      if (!unread) continue
      const recipientId = side === 'organizer' ? idOf(thread.organizer) : idOf(thread.vendorOwner)
      const { docs } = await payload.find({
        collection: slugs.messages,
        where: {
          and: [
            { thread: { equals: thread.id } },
            { sender: { not_equals: recipientId } },
            { readAt: { exists: false } },
            { deletedAt: { exists: false } },
          ],
        },
        sort: 'createdAt',
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req,
      })
      const oldest = docs[0]
      if (!oldest || now - new Date(oldest.createdAt).getTime() < UNREAD_EMAIL_AFTER_MS) continue
      if (await emailRecipient(req, thread, side, recipientId)) emails += 1
      break
    }
  }
  return { emails }
}

const emailRecipient = async (
  req: PayloadRequest,
  thread: Thread,
  side: 'organizer' | 'vendor',
  recipientId: number,
) => {
  const from =
    side === 'vendor'
      ? (thread.organizerName ?? 'An organizer')
      : typeof thread.vendor === 'object' && thread.vendor
        ? thread.vendor.businessName
        : 'A vendor'
  // Not sent to someone who turned message emails off (the send checks the kind).
  const { sent } = await sendQueuedEmail(req, {
    userId: recipientId,
    subject: `${from} sent you a message`,
    intro: `${from} sent you a message on Event Pros NZ that you have not read yet.`,
    actionLabel: 'Read and reply',
    actionPath: `/inbox/${thread.id}`,
    outro:
      'You get at most one of these an hour per conversation. Turn them off on your account page.',
    kind: 'messages',
  })
  // Stamped whether or not it went, so the thread is not looked at again every minute.
  await req.payload.update({
    collection: slugs.threads,
    id: thread.id,
    data: { reminderSentAt: new Date().toISOString() },
    // System bookkeeping: when the last reminder went out, written by the reminder task.
    overrideAccess: true,
    req,
  })
  return sent
}
