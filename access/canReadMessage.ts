import type { Access, Where } from 'payload'

import { checkRole } from './checkRole'
import { isConversationParticipant } from './isConversationParticipant'

/** Participants and admins read messages; moderators read the ones flagged for review. */
export const canReadMessage: Access = (args) => {
  if (checkRole(['moderator'], args.req.user)) {
    const flagged: Where = { flagged: { equals: true } }
    return flagged
  }
  return isConversationParticipant(args)
}
