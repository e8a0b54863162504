import type { Access, Where } from 'payload'

import { checkRole } from './checkRole'

/**
 * Threads, messages and their attachments: the organizer and the vendor on them, and admins
 * (whose reads of private messages the audit log records). Moderators see flagged messages
 * only, through `canReadMessage`. A filter, so a guessed id is simply not found.
 */
export const isConversationParticipant: Access = ({ req: { user } }) => {
  if (!user) return false
  if (checkRole(['admin'], user)) return true
  const theirs: Where = {
    or: [{ organizer: { equals: user.id } }, { vendorOwner: { equals: user.id } }],
  }
  return theirs
}
