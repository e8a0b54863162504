import type { Where } from 'payload'

import type { Rule } from '@/access/combinators'
import { checkRole } from '@/access/roles'

import { conversationParties } from '../Threads/access'

/** Participants and admins read messages; moderators read the ones flagged for review. */
export const canReadMessage: Rule = (args) => {
  if (checkRole(['moderator'], args.req.user)) {
    const flagged: Where = { flagged: { equals: true } }
    return flagged
  }
  return conversationParties(args)
}
