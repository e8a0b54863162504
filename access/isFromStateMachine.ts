import type { FieldAccess } from 'payload'

import { TRANSITION_CONTEXT_KEY } from '@/lib/marketplace/transitions'

/** Status and history fields change only through the state machine, never from a request body. */
export const isFromStateMachine: FieldAccess = ({ req }) =>
  req.context?.[TRANSITION_CONTEXT_KEY] === true
