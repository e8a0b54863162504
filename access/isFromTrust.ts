import type { Access } from 'payload'

import { TRUST_CONTEXT_KEY } from '@/lib/trust/context'

/**
 * Reviews, responses and moderation decisions are written by the trust endpoints only (they
 * check bookings, windows and roles first), never by a plain REST or GraphQL write.
 */
export const isFromTrust: Access = ({ req }) =>
  Boolean(req.user) && req.context?.[TRUST_CONTEXT_KEY] === true
