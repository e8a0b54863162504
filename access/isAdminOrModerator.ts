import type { Access } from 'payload'

import { isStaffUser } from './checkRole'

export const isAdminOrModerator: Access = ({ req: { user } }) => isStaffUser(user)
