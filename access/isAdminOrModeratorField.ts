import type { FieldAccess } from 'payload'

import { isStaffUser } from './roles'

/** Field-level: only staff may write (Payload silently keeps the stored value for others). */
export const isAdminOrModeratorField: FieldAccess = ({ req: { user } }) => isStaffUser(user)
