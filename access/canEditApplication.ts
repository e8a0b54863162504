import type { Access, Where } from 'payload'

import { TRANSITION_CONTEXT_KEY } from '@/lib/marketplace/transitions'

import { checkRole, isStaffUser } from './checkRole'

/**
 * A vendor edits their own quote while it is still in play. Status changes (the state
 * machine's writes) are also open to the organizer of the job, for shortlisting, accepting and
 * declining; the status fields themselves accept writes from the state machine only.
 */
export const canEditApplication: Access = ({ req }) => {
  const { user } = req
  if (isStaffUser(user)) return true
  if (!user) return false
  if (checkRole(['vendor'], user)) {
    const ownOpenQuote: Where = {
      and: [{ vendorOwner: { equals: user.id } }, { status: { in: ['submitted', 'shortlisted'] } }],
    }
    return ownOpenQuote
  }
  if (checkRole(['organizer'], user) && req.context?.[TRANSITION_CONTEXT_KEY] === true) {
    const quotesOnTheirJobs: Where = { organizer: { equals: user.id } }
    return quotesOnTheirJobs
  }
  return false
}
