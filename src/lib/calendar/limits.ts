/** How many outside calendars a vendor may subscribe to. */
export const MAX_EXTERNAL_CALENDARS = 3
/** The largest calendar file read (a busy person's five years of events is well under it). */
export const MAX_CALENDAR_BYTES = 2 * 1024 * 1024
/** How long one fetch may take, headers to last byte. */
export const CALENDAR_FETCH_TIMEOUT_MS = 10_000
/** How far ahead an imported calendar's events are read, and the feed's bookings written. */
export const CALENDAR_DAYS_AHEAD = 366
/** A period blocked in one go: a long holiday, not a year. */
export const MAX_BLOCK_DAYS = 92
