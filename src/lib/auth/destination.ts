import { needsStaffEnrolment } from '@/access/roles'
import { safeNextPath } from '@/lib/safeRedirect'
import type { User } from '@/payload-types'

/** Where a person goes once signed in; staff without two-factor sign-in go to set it up. */
export const destinationFor = (user: User | null | undefined, next: string) => {
  if (needsStaffEnrolment(user)) return '/account/security?required=1'
  // A new vendor goes straight on to their profile; everyone else to where they were going.
  return safeNextPath(next, user?.role === 'vendor' ? '/account/vendor-profile' : '/account')
}
