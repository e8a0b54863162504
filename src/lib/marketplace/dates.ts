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

export const isValidDate = (value: unknown): value is string | Date =>
  (typeof value === 'string' || value instanceof Date) && !Number.isNaN(new Date(value).getTime())
