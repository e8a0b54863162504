import ical, { type VEvent } from 'node-ical'

import { nzDay, nzMidnight } from '@/lib/marketplace/dates'

import { addDays, type Day, daysFrom, localDay } from './days'

export type BusyPeriod = { from: Day; to: Day }

/** The file is not a calendar we can read: the vendor is told, the last good copy is kept. */
export class CalendarParseError extends Error {}

/** Consecutive days as periods: 1, 2, 3, 7 → 1–3, 7–7. */
export const periodsOf = (days: Iterable<Day>): BusyPeriod[] => {
  const sorted = [...new Set(days)].sort()
  const periods: BusyPeriod[] = []
  for (const day of sorted) {
    const last = periods.at(-1)
    if (last && addDays(last.to, 1) === day) last.to = day
    else periods.push({ from: day, to: day })
  }
  return periods
}

/** The New Zealand days one occurrence covers: all-day ones by their dates, timed ones by NZ clock. */
const daysOfInstance = (start: Date, end: Date | undefined, fullDay: boolean): Day[] => {
  if (fullDay) {
    // All-day DTEND is the day after the last (RFC 5545); without one it is a one-day event.
    const first = localDay(start)
    const last = end ? addDays(localDay(end), -1) : first
    return daysFrom(first, last < first ? first : last)
  }
  const finish = end && end > start ? new Date(end.getTime() - 1) : start
  return daysFrom(nzDay(start), nzDay(finish))
}

/** How long reading one file may take: the parse runs on the server's one thread. */
const PARSE_BUDGET_MS = 3_000

/**
 * Times written without a zone ("floating") mean the calendar's own zone (`X-WR-TIMEZONE`), or
 * New Zealand's: node-ical would read them in the server's zone (UTC in our container).
 */
const anchorFloatingTimes = (text: string): string => {
  const zone = /^X-WR-TIMEZONE:([\w/+-]+)\s*$/im.exec(text)?.[1] ?? 'Pacific/Auckland'
  return text.replace(
    /^(DTSTART|DTEND|RECURRENCE-ID|EXDATE)((?:;[^:\r\n]*)?):(\d{8}T\d{6}(?:,\d{8}T\d{6})*)(\r?)$/gim,
    (line, name: string, params: string, value: string, end: string) =>
      /TZID=/i.test(params) ? line : `${name};TZID=${zone}${params}:${value}${end}`,
  )
}

/** Rules repeating more than once a day: thousands of occurrences for days we mark anyway. */
const SUB_DAILY = /FREQ=(SECONDLY|MINUTELY|HOURLY)/i

/**
 * The busy days between `from` and `to` (New Zealand days) in an iCalendar file: every event
 * that is not cancelled or marked free (TRANSP:TRANSPARENT), recurring ones expanded (EXDATE and
 * RECURRENCE-ID honoured), in whatever time zone the file writes them.
 */
export const busyPeriodsFromIcs = (text: string, from: Day, to: Day): BusyPeriod[] => {
  if (!/BEGIN:VCALENDAR/i.test(text) || !/END:VCALENDAR/i.test(text)) {
    throw new CalendarParseError('That address does not give a calendar (.ics) file.')
  }
  const started = Date.now()
  let parsed: ReturnType<typeof ical.sync.parseICS>
  try {
    parsed = ical.sync.parseICS(anchorFloatingTimes(text))
  } catch {
    throw new CalendarParseError('The calendar file could not be read: it is not valid iCalendar.')
  }
  const range = { from: nzMidnight(from), to: nzMidnight(addDays(to, 1)) }
  const days: Day[] = []
  for (const component of Object.values(parsed)) {
    if (!component || component.type !== 'VEVENT') continue
    const event = component as VEvent
    if (!(event.start instanceof Date) || Number.isNaN(event.start.getTime())) continue
    if (event.status === 'CANCELLED' || event.transparency === 'TRANSPARENT') continue
    // Skipped, not expanded: a file of hourly rules would hold the server for minutes.
    if (event.rrule && SUB_DAILY.test(String(event.rrule.toString?.() ?? ''))) continue
    if (Date.now() - started > PARSE_BUDGET_MS) {
      throw new CalendarParseError('The calendar has too many events to read: try a smaller one.')
    }
    let instances: ReturnType<typeof ical.expandRecurringEvent>
    try {
      instances = ical.expandRecurringEvent(event, { ...range, expandOngoing: true })
    } catch {
      continue // One event with a rule we cannot expand spoils nothing else.
    }
    for (const instance of instances) {
      if (instance.event.status === 'CANCELLED') continue
      for (const day of daysOfInstance(instance.start, instance.end, instance.isFullDay)) {
        if (day >= from && day <= to) days.push(day)
      }
    }
  }
  return periodsOf(days)
}
