/** Event dates are New Zealand dates: "today" and a stored date's day are read in Pacific/Auckland. */
const NZ_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Pacific/Auckland',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** `YYYY-MM-DD` of an instant in New Zealand. */
export const nzDay = (value: Date | string): string => NZ_DAY.format(new Date(value))

export const nzToday = (now = new Date()): string => nzDay(now)

/** Whether a date's New Zealand day is still to come (after today there). */
export const nzDayIsAhead = (value: Date | string, now = new Date()): boolean =>
  nzDay(value) > nzToday(now)

export const isValidDate = (value: unknown): value is string | Date =>
  (typeof value === 'string' || value instanceof Date) && !Number.isNaN(new Date(value).getTime())

const NZ_OFFSET = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Pacific/Auckland',
  timeZoneName: 'longOffset',
})

/** Minutes New Zealand is ahead of UTC at an instant: 720 in winter, 780 in summer. */
const nzOffsetMinutes = (at: Date): number => {
  const name = NZ_OFFSET.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '')
  if (!match) return 0
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
}

/**
 * The instant a New Zealand day (`YYYY-MM-DD`) begins: its midnight in Pacific/Auckland. The
 * offset is read twice, the second time near that midnight itself, because on the days the
 * clocks change (at 2 or 3 am) the offset at noon is not the one at midnight.
 */
export const nzMidnight = (day: string): Date => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const midnightUtc = Date.UTC(year, month - 1, date)
  const guess = midnightUtc - nzOffsetMinutes(new Date(midnightUtc)) * 60_000
  return new Date(midnightUtc - nzOffsetMinutes(new Date(guess)) * 60_000)
}

/** The instant the current New Zealand calendar month began (midnight on the 1st, NZ time). */
export const nzMonthStart = (now = new Date()): Date => nzMidnight(`${nzToday(now).slice(0, 7)}-01`)

/** A date as people here say it: "5 March 2027". */
export const nzLongDate = (value: Date | string): string =>
  new Date(value).toLocaleDateString('en-NZ', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Pacific/Auckland',
  })
