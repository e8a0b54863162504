import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { RequestError } from '@/lib/kit/errors'
import { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/kit/notifications'
import { readUnsubscribeToken } from '@/lib/kit/unsubscribe'

export type NotificationChange = {
  kind: NotificationKind
  /** What the kind is called, e.g. "Job alerts". */
  what: string
  /** The account's address, partly hidden: enough for the person to know which account. */
  email: string
  enabled: boolean
}

/** `aroha@example.nz` → `a••••@example.nz`. */
const partlyHidden = (email: string): string => {
  const [local = '', domain = ''] = email.split('@')
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(local.length - 1, 1))}@${domain}`
}

/** The account and kind an unsubscribe link names, as they stand: nothing is changed. */
export const readNotificationLink = (req: PayloadRequest, token: unknown) =>
  notificationLink(req, token, null)

/**
 * Turns one kind of notification email on or off for the account an unsubscribe link names.
 * The signed link is the authority (a mail provider posts it with no session), and it can
 * change only the kind it names. Doing it twice changes nothing more.
 */
export const setNotificationFromLink = (req: PayloadRequest, token: unknown, enabled: boolean) =>
  notificationLink(req, token, enabled)

const notificationLink = async (
  req: PayloadRequest,
  token: unknown,
  enabled: boolean | null,
): Promise<NotificationChange> => {
  const { userId, kind } = await readUnsubscribeToken(req.payload, token)
  const { field, what } = NOTIFICATION_KINDS[kind]
  // System read and write: no one is signed in; the token, signed with our secret, names the
  // account and the one field it may change.
  const user = await req.payload.findByID({
    collection: slugs.users,
    id: userId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!user) {
    throw new RequestError(
      404,
      'NOT_FOUND',
      'The account this link was for no longer exists, so it gets no more emails.',
    )
  }
  const current = user[field] !== false
  if (enabled !== null && current !== enabled) {
    await req.payload.update({
      collection: slugs.users,
      id: userId,
      data: { [field]: enabled },
      depth: 0,
      overrideAccess: true,
      req,
    })
    req.payload.logger.info(
      `Account ${userId} turned ${kind} emails ${enabled ? 'on' : 'off'} by link`,
    )
  }
  return { kind, what, email: partlyHidden(user.email), enabled: enabled ?? current }
}
