import type { Access } from 'payload'

import { TRANSITION_CONTEXT_KEY } from '@/lib/marketplace/transitions'

/** Documents only the state machine creates (bookings, when a quote is accepted). */
export const isFromStateMachineAccess: Access = ({ req }) =>
  Boolean(req.user) && req.context?.[TRANSITION_CONTEXT_KEY] === true
