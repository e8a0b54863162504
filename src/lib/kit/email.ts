import type { PayloadRequest } from 'payload'

import { actionEmailHtml } from './emailHtml'
import { NOTIFICATION_KINDS, type NotificationKind } from './notifications'
import { oneClickUnsubscribeUrl, unsubscribePageUrl, unsubscribeToken } from './unsubscribe'
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
  /**
   * The kind of notification this is (`src/lib/kit/notifications.ts`): sent only while the
   * person has that kind on, with a one-click unsubscribe from it. None: a transactional email
   * (account, security, billing, a moderation decision), which always goes.
   */
  kind?: NotificationKind
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

/**
 * Sends one queued email to the account's current address, unless it is a notification of a
 * kind the person has turned off since it was queued.
 */
export const sendQueuedEmail = async (
  req: PayloadRequest,
  email: MarketplaceEmail,
): Promise<{ sent: boolean }> => {
  // System read: the recipient's address, which the person who triggered the email may not see.
  // The accounts are the admin's user collection.
  const user = (await req.payload.findByID({
    collection: req.payload.config.admin.user as 'users',
    id: email.userId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as (Record<string, unknown> & { email: string; firstName?: string | null }) | null
  if (!user) return { sent: false }
  const kind = email.kind ? NOTIFICATION_KINDS[email.kind] : undefined
  if (kind && user[kind.field] === false) return { sent: false }
  const token = email.kind ? await unsubscribeToken(req.payload, email.userId, email.kind) : null
  await req.payload.sendEmail({
    to: user.email,
    subject: email.subject,
    html: actionEmailHtml({
      greetingName: user.firstName,
      intro: email.intro,
      actionLabel: email.actionLabel,
      actionUrl: serverUrl(email.actionPath),
      outro: email.outro,
      unsubscribe:
        kind && token
          ? { what: kind.what, url: unsubscribePageUrl(token), settingsUrl: serverUrl('/account') }
          : undefined,
    }),
    // RFC 8058: mail providers show an "Unsubscribe" button that posts to this URL, no cookies.
    ...(token && {
      headers: {
        'List-Unsubscribe': `<${oneClickUnsubscribeUrl(token)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    }),
  })
  return { sent: true }
}
