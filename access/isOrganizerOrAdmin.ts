import type { Access } from 'payload'

import { checkRole } from './checkRole'

/** Jobs are posted by organizers (and by admins on someone's behalf). */
export const isOrganizerOrAdmin: Access = ({ req: { user } }) =>
  checkRole(['admin', 'organizer'], user)
