import type { PayloadRequest } from 'payload'

import { idOf } from '@/lib/idOf'
import { sendQueuedEmail } from '@/lib/marketplace/notify'

import { UNREAD_EMAIL_EVERY_MS } from './rules'

/**
 * Runs 15 minutes after a message is sent: if it is still unread, the recipient gets one email
 * for the thread — at most one an hour, none when they turned these off. System work: it reads
 * the message and the recipient whoever sent it.
 */
export const remindOfUnreadMessage = async (req: PayloadRequest, messageId: number) => {
  const message = await req.payload.findByID({
    collection: 'messages',
    id: messageId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!message || message.readAt || message.deletedAt) return { sent: false }
  const thread = await req.payload.findByID({
    collection: 'threads',
    id: idOf(message.thread),
    depth: 1,
    overrideAccess: true,
    req,
  })
  if (
    thread.reminderSentAt &&
    Date.now() - new Date(thread.reminderSentAt).getTime() < UNREAD_EMAIL_EVERY_MS
  ) {
    return { sent: false }
  }
  const senderIsOrganizer = idOf(message.sender) === idOf(thread.organizer)
  const recipientId = senderIsOrganizer ? idOf(thread.vendorOwner) : idOf(thread.organizer)
  const recipient = await req.payload.findByID({
    collection: 'users',
    id: recipientId,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (recipient.messageEmails === false) return { sent: false }
  const from = senderIsOrganizer
    ? 'An organizer'
    : typeof thread.vendor === 'object' && thread.vendor
      ? thread.vendor.businessName
      : 'A vendor'
  await sendQueuedEmail(req, {
    userId: recipientId,
    subject: `${from} sent you a message`,
    intro: `${from} sent you a message on Event Pros NZ that you have not read yet.`,
    actionLabel: 'Read and reply',
    actionPath: `/inbox/${thread.id}`,
    outro:
      'You get at most one of these an hour per conversation. Turn them off on your account page.',
  })
  await req.payload.update({
    collection: 'threads',
    id: thread.id,
    data: { reminderSentAt: new Date().toISOString() },
    // System bookkeeping: when the last reminder went out, written by the reminder job.
    overrideAccess: true,
    req,
  })
  return { sent: true }
}
