import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { actionEmailHtml } from '@/lib/kit/emailHtml'
import { serverUrl } from '@/lib/kit/url'
import { recordAudit } from '@/lib/trust/audit'
import type { User } from '@/payload-types'

type Account = Pick<User, 'id' | 'email' | 'firstName' | 'role'>

const NOTICES = {
  'user.2fa-enable': {
    summary: 'turned on two-factor sign-in',
    subject: 'Two-step sign-in is on for your Event Pros NZ account',
    intro:
      'Two-step sign-in was turned on for your account: signing in now also asks for a code from your authenticator app. Your other sessions were signed out.',
  },
  'user.2fa-disable': {
    summary: 'turned off two-factor sign-in',
    subject: 'Two-step sign-in was turned off for your Event Pros NZ account',
    intro:
      'Two-step sign-in was turned off for your account: signing in now asks for your password only.',
  },
  'user.2fa-recovery-code': {
    summary: 'signed in with a recovery code',
    subject: 'A recovery code was used on your Event Pros NZ account',
    intro:
      'Someone signed in to your account with one of your recovery codes. Each code works once; you can make a fresh set on your security page.',
  },
  'user.oauth-link': {
    summary: 'linked a Google or Facebook account for signing in',
    subject: 'A new way to sign in was added to your Event Pros NZ account',
    intro:
      'A Google or Facebook account was linked to your account: it can now be used to sign in. You can see and remove linked accounts on your account page.',
  },
  'user.oauth-unlink': {
    summary: 'unlinked a Google or Facebook account',
    subject: 'A way to sign in was removed from your Event Pros NZ account',
    intro:
      'A Google or Facebook account was unlinked from your account: it can no longer be used to sign in.',
  },
} as const

export type SecurityEvent = keyof typeof NOTICES

/**
 * Writes the event to the audit log (in the request's transaction) and tells the account
 * holder by email, so a change they did not make does not go unnoticed. The account holder is
 * the actor: these are things people do to their own account.
 */
export const recordSecurityEvent = async (
  req: PayloadRequest,
  account: Account,
  event: SecurityEvent,
  details: Record<string, unknown> = {},
): Promise<void> => {
  const notice = NOTICES[event]
  const actor = req.user
  req.user = { ...account, collection: slugs.users } as PayloadRequest['user']
  try {
    await recordAudit(req, {
      action: event,
      targetCollection: slugs.users,
      targetId: account.id,
      summary: `${account.email} ${notice.summary}`,
      details,
    })
  } finally {
    req.user = actor
  }
  try {
    await req.payload.sendEmail({
      to: account.email,
      subject: notice.subject,
      html: actionEmailHtml({
        greetingName: account.firstName,
        intro: notice.intro,
        actionLabel: 'Review your security settings',
        actionUrl: serverUrl('/account/security'),
        outro:
          'If this was not you, change your password straight away and sign out your other sessions from that page.',
      }),
    })
  } catch (error) {
    // The change stands either way; a mail server being down must not undo it.
    req.payload.logger.error({ err: error, msg: `Could not email the ${event} notice` })
  }
}
