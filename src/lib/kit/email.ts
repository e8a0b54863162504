import type { PayloadRequest } from 'payload'

import { actionEmailHtml } from './emailHtml'
import { serverUrl } from './url'

export const MARKETPLACE_QUEUE = 'marketplace'
export const SEND_EMAIL_TASK = 'sendMarketplaceEmail'

export type MarketplaceEmail = {
  /** The account the email is for; its address is read when the email is sent. */
  userId: number
  subject: string
  intro: string
  actionLabel: string
  /** A path on the site, e.g. `/my-jobs/12`. */
  actionPath: string
  outro?: string
}

/**
 * Queues an email in the request's transaction (Payload's Jobs Queue is the outbox): it is
 * sent only if what it announces was committed, and retried if the mail server is down.
 */
export const queueEmail = async (req: PayloadRequest, email: MarketplaceEmail): Promise<void> => {
  await req.payload.jobs.queue({
    task: SEND_EMAIL_TASK,
    queue: MARKETPLACE_QUEUE,
    input: email,
    req,
  })
}

/** Sends one queued email to the account's current address. */
export const sendQueuedEmail = async (req: PayloadRequest, email: MarketplaceEmail) => {
  // System read: the recipient's address, which the person who triggered the email may not see.
  // The accounts are the admin's user collection.
  const user = await req.payload.findByID({
    collection: req.payload.config.admin.user as 'users',
    id: email.userId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!user) return { sent: false }
  await req.payload.sendEmail({
    to: user.email,
    subject: email.subject,
    html: actionEmailHtml({
      greetingName: user.firstName,
      intro: email.intro,
      actionLabel: email.actionLabel,
      actionUrl: serverUrl(email.actionPath),
      outro: email.outro,
    }),
  })
  return { sent: true }
}
