import type { Role } from '@/lib/constants'

type MaybeUser = { role?: Role | null } | null | undefined

export const checkRole = (roles: readonly Role[], user: MaybeUser): boolean =>
  Boolean(user?.role && roles.includes(user.role))

export const isStaffUser = (user: MaybeUser): boolean => checkRole(['admin', 'moderator'], user)
