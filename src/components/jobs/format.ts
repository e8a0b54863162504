import { EVENT_TYPES, regionLabel } from '@/lib/constants'
import { formatDollars } from '@/lib/kit/money'

const NZ_DATE = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
})

/** "Sat, 27 Mar 2027": dates as New Zealanders read them, in New Zealand time. */
export const formatNzDate = (value: string | null | undefined): string =>
  value ? NZ_DATE.format(new Date(value)) : ''

/** A name that starts a sentence: "the organizer" → "The organizer". */
export const capitalised = (text: string): string =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}`

export const eventTypeLabel = (value: string): string =>
  EVENT_TYPES.find((type) => type.value === value)?.label ?? value

export const budgetLabel = (min: number, max: number): string =>
  `${formatDollars(min)}–${formatDollars(max)}`

export const placeLabel = (
  location: { city?: string | null; region?: string | null } | null | undefined,
) => [location?.city, regionLabel(location?.region)].filter(Boolean).join(', ')
