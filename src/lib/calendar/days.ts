import { nzDay, nzMidnight } from '@/lib/marketplace/dates'

/**
 * Calendar days as `YYYY-MM-DD` strings, New Zealand days unless said otherwise. Arithmetic is
 * on the calendar (UTC dates), never on instants, so a daylight-saving change moves nothing.
 */
export type Day = string

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export const isDay = (value: unknown): value is Day =>
  typeof value === 'string' &&
  DAY_PATTERN.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value

export const addDays = (day: Day, days: number): Day => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10)
}

/** Every day from `from` to `to`, both included; none when `to` is before `from`. */
export const daysFrom = (from: Day, to: Day): Day[] => {
  const days: Day[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
  return days
}

/** How a stored date field (an instant) reads as a New Zealand day. */
export const dayOf = (value: string | Date): Day => nzDay(value)

/** The instant stored for a New Zealand day: its midday, which reads as that day anywhere in NZ. */
export const storedDay = (day: Day): string =>
  new Date(nzMidnight(day).getTime() + 12 * 3_600_000).toISOString()

/** A date-only value from node-ical, made at local midnight of the process: its own day. */
export const localDay = (value: Date): Day =>
  `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`

/** The first day of the month `months` after `day`'s month. */
export const monthStart = (day: Day, months = 0): Day => {
  const [year, month] = day.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10)
}
