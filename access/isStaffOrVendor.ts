import type { Access } from 'payload'

import { checkRole } from './checkRole'

export const isStaffOrVendor: Access = ({ req: { user } }) =>
  checkRole(['admin', 'moderator', 'vendor'], user)
