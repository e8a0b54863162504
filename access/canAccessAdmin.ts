import type { PayloadRequest } from 'payload'

import { checkRole } from './checkRole'

/** Organizers use the public site; the admin panel is for staff and vendors. */
export const canAccessAdmin = ({ req: { user } }: { req: PayloadRequest }): boolean =>
  checkRole(['admin', 'moderator', 'vendor'], user)
