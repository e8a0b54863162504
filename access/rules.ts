import type { FieldAccess, PayloadRequest, Where } from 'payload'

import { idOf } from '@/lib/kit/ids'

import { and, or, type Rule } from './combinators'
import { checkRole, isStaffUser } from './roles'

/** A yes or no about who is asking, usable wherever Payload takes an access function. */
type Check = (args: { req: Pick<PayloadRequest, 'user'> }) => boolean

/** Anyone signed in. */
export const signedIn: Check = ({ req: { user } }) => Boolean(user)

export const admins: Check = ({ req: { user } }) => checkRole(['admin'], user)

/** Admins and moderators who have two-step sign-in on (see roles.ts). */
export const staff: Check = ({ req: { user } }) => isStaffUser(user)

export const vendors: Check = ({ req: { user } }) => checkRole(['vendor'], user)

export const organizers: Check = ({ req: { user } }) => checkRole(['organizer'], user)

/** Staff and vendors: the people who use the admin panel (organizers use the site). */
export const staffOrVendors: Check = ({ req: { user } }) =>
  checkRole(['admin', 'moderator', 'vendor'], user)

/** The signed-in person's own rows: those whose `field` holds their id. */
export const ownedBy =
  (field: string): Rule =>
  ({ req: { user } }) => {
    if (!user) return false
    const own: Where = { [field]: { equals: user.id } }
    return own
  }

/** The signed-in person's own account. */
export const self: Rule = ownedBy('id')

export const adminsOrSelf = or(admins, self)
export const staffOrSelf = or(staff, self)
export const adminsOrOwner = or(admins, ownedBy('owner'))
export const staffOrOwner = or(staff, ownedBy('owner'))

/** A vendor's own rows by `field`; staff every row; anyone else none. */
export const staffOrVendorOwning = (field: string): Rule => or(staff, and(vendors, ownedBy(field)))

/** Field-level: staff only. (Payload silently keeps the stored value on writes by others.) */
export const staffField: FieldAccess = ({ req: { user } }) => isStaffUser(user)

export const adminField: FieldAccess = ({ req: { user } }) => checkRole(['admin'], user)

/** Field-level: written by staff only. */
export const staffWrites = { create: staffField, update: staffField }

/** Field-level: never through the API; system code writes with `overrideAccess`. */
export const nobody: FieldAccess = () => false

/**
 * Field-level read: staff, and the people the document names in `fields` (`organizer`,
 * `vendorOwner`…). Without a document Payload is checking a query, which the field's
 * `readableRows` keeps to the caller's own rows, so filtering on it reveals nothing more.
 */
export const namedOrStaff =
  (...fields: string[]): FieldAccess =>
  ({ req: { user }, doc }) => {
    if (isStaffUser(user)) return true
    if (!user) return false
    if (!doc) return true
    return fields.some((field) => idOf((doc as Record<string, unknown>)[field]) === user.id)
  }

/** Field-level: set when the document is created, never changed through the API afterwards. */
export const fixedAfterCreate = { update: nobody }

/** Field-level: set by hooks or system code only, never from a request body. */
export const systemWritten = { create: nobody, update: nobody }

/** Field-level: anyone signed in. */
export const signedInField: FieldAccess = ({ req: { user } }) => Boolean(user)
