import { or, type Rule } from '@/access/combinators'
import { admins, ownedBy } from '@/access/rules'

/**
 * The person an export is about reads it (a staff-made one too: it is their data); admins read
 * every export. A filter, so someone else's id is simply not found.
 */
export const canReadDataExport: Rule = or(admins, ownedBy('user'))
