import type { Access } from 'payload'

import { checkRole } from './roles'

/** Admins: every document. Anyone else signed in: the documents whose `owner` they are. */
export const isAdminOrOwner: Access = ({ req: { user } }) => {
  if (checkRole(['admin'], user)) return true
  return user ? { owner: { equals: user.id } } : false
}
