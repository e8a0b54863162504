import { getEnv } from '@/lib/kit/env'
import type { User } from '@/payload-types'

type Role = User['role']

type MaybeUser =
  | {
      id?: number | string
      role?: string | null
      totpEnabledAt?: string | null
      createdAt?: string | null
      roleChangedAt?: string | null
    }
  | null
  | undefined

const STAFF_ROLES: readonly Role[] = ['admin', 'moderator']
const DAY = 24 * 60 * 60 * 1000

/**
 * Staff powers need two-factor sign-in. Until an admin or moderator has turned it on (after
 * `STAFF_2FA_GRACE_DAYS` from joining or getting the role; none by default) they are, for
 * every access rule, nobody special: they may still sign in, but only to enrol.
 */
export const hasStaffSecondFactor = (
  user: MaybeUser,
  now = Date.now(),
  graceDays = getEnv().STAFF_2FA_GRACE_DAYS,
): boolean => {
  if (user?.totpEnabledAt) return true
  const since = user?.roleChangedAt ?? user?.createdAt
  return graceDays > 0 && Boolean(since) && now < new Date(since!).getTime() + graceDays * DAY
}

export const needsStaffEnrolment = (user: MaybeUser): boolean =>
  Boolean(user?.role && STAFF_ROLES.includes(user.role as Role) && !hasStaffSecondFactor(user))

export const checkRole = (roles: readonly Role[], user: MaybeUser): boolean =>
  Boolean(user?.role && roles.includes(user.role as Role) && !needsStaffEnrolment(user))

export const isStaffUser = (user: MaybeUser): boolean => checkRole(STAFF_ROLES, user)
