import type { Access } from 'payload'

import { MESSAGING_CONTEXT_KEY } from '@/lib/messaging/context'

/**
 * Threads and messages are written by the messaging endpoints only (they check who is talking
 * to whom, the rate limit and the edit window first), never by a plain REST or GraphQL write.
 */
export const isFromMessaging: Access = ({ req }) =>
  Boolean(req.user) && req.context?.[MESSAGING_CONTEXT_KEY] === true
