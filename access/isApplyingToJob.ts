import type { Access } from 'payload'

import { APPLY_CONTEXT_KEY } from '@/lib/marketplace/transitions'

import { checkRole } from './checkRole'

/**
 * Quotes are created only by `POST /api/jobs/:id/apply`, which checks the job is open, the
 * deadline, the cap and the vendor's one quote first; a plain `POST /api/applications` or a
 * GraphQL mutation is refused.
 */
export const isApplyingToJob: Access = ({ req }) =>
  checkRole(['vendor'], req.user) && Boolean(req.context?.[APPLY_CONTEXT_KEY])
