import { or, type Rule } from '@/access/combinators'
import { admins, ownedBy } from '@/access/rules'

/**
 * Threads, messages and their attachments: the organizer and the vendor on them, and admins
 * (whose reads of private messages the audit log records). Moderators see flagged messages
 * only, through `canReadMessage`. A filter, so a guessed id is simply not found.
 */
export const conversationParties: Rule = or(admins, ownedBy('organizer'), ownedBy('vendorOwner'))
