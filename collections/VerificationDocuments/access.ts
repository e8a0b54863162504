import type { FieldAccess } from 'payload'

import { and, or, type Rule } from '@/access/combinators'
import { isStaffUser } from '@/access/roles'
import { admins, ownedBy, staffOrVendorOwning, vendors } from '@/access/rules'
import { isWritingAs } from '@/access/writers'

/** The owner and staff; nobody else, by REST, GraphQL, the admin or the file's URL. */
export const ownerOrStaff: Rule = staffOrVendorOwning('owner')

/** A vendor may take back a document nobody has looked at yet. */
export const ownPending: Rule = or(
  admins,
  and(vendors, ownedBy('owner'), () => ({ status: { equals: 'pending' } })),
)

/** The decision fields: written by a moderator's decision through the trust service only. */
export const decidedByModerators: FieldAccess = ({ req }) =>
  isStaffUser(req.user) && isWritingAs(req, 'trust')
