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

const LONG_DAY = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
})

export const formatNzDate = (value: string | Date | null | undefined): string =>
  value && isValidDate(value) ? LONG_DAY.format(new Date(value)) : ''

const DAY_TIME = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
})

export const formatNzDateTime = (value: string | Date | null | undefined): string =>
  value && isValidDate(value) ? DAY_TIME.format(new Date(value)) : ''
