import type { Access } from 'payload'

import { checkRole } from './roles'

export const isAdmin: Access = ({ req: { user } }) => checkRole(['admin'], user)
