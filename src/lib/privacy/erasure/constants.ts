/** Days between asking to delete an account and its erasure; signing in meanwhile cancels it. */
export const GRACE_DAYS = 14
const DAY_MS = 86_400_000

/** How an erased person is shown where their records are kept for someone else. */
export const FORMER_MEMBER = 'Former member'
/** The author of a kept review whose writer erased their account. */
export const FORMER_ORGANIZER = 'A former organizer'

/** The placeholder address of an erased account: the real one is free to sign up again. */
export const erasedEmail = (id: number) => `erased-${id}@erased.invalid`

export const erasureDueFrom = (requestedAt: Date) =>
  new Date(requestedAt.getTime() + GRACE_DAYS * DAY_MS)

/** A date as people in New Zealand write it: 14 March 2027. */
export { nzLongDate as nzDate } from '@/lib/marketplace/dates'
