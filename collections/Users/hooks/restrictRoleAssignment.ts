import { APIError, type CollectionBeforeValidateHook } from 'payload'

import { checkRole } from '@/access/roles'
import { SELF_SERVICE_ROLES } from '@/lib/constants'
import type { User } from '@/payload-types'

/**
 * People choose `vendor` or `organizer` when they sign up; only an admin grants `admin` or
 * `moderator`, and nobody but an admin changes a role afterwards — so no one raises their own.
 */
export const restrictRoleAssignment: CollectionBeforeValidateHook<User> = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!data || req.context.seeding) return data
  const actorIsAdmin = checkRole(['admin'], req.user)

  if (operation === 'create') {
    const role = data.role ?? 'organizer'
    if (!actorIsAdmin && !SELF_SERVICE_ROLES.includes(role)) {
      throw new APIError(
        `You can sign up as a vendor or an organizer; only an admin can grant the ${role} role.`,
        403,
        undefined,
        true,
      )
    }
    return { ...data, role }
  }

  if (
    operation === 'update' &&
    originalDoc &&
    data.role !== undefined &&
    data.role !== originalDoc.role &&
    !actorIsAdmin
  ) {
    throw new APIError('Only an admin can change a role.', 403, undefined, true)
  }
  return data
}
