import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import type { Vendor } from '@/payload-types'

import { nzMidnight } from '@/lib/marketplace/dates'

import { addDays, type Day, dayOf, daysFrom } from './days'

/**
 * Why a vendor's day is taken, in the order one wins over another on the same day: a booking
 * here, a day the vendor blocked, or a busy event in a calendar they subscribed to.
 */
export type BusyReason = 'booked' | 'blocked' | 'elsewhere'

const RANK: Record<BusyReason, number> = { booked: 3, blocked: 2, elsewhere: 1 }

/** The most days one request reads: a year and a bit, for a year's feed or a calendar page. */
export const MAX_RANGE_DAYS = 400

export type BusyDays = Record<Day, BusyReason>

/** A vendor's blocked periods as days, between `from` and `to`. */
const blockedDays = (periods: Vendor['unavailableDates'], from: Day, to: Day): Day[] =>
  (periods ?? []).flatMap((period) => {
    const start = dayOf(period.from)
    const end = dayOf(period.to)
    return daysFrom(start < from ? from : start, end > to ? to : end)
  })

/**
 * The vendor's taken days between `from` and `to` (New Zealand days), each with its reason.
 * System reads: which days are taken is public (busy/free), what took them is not — callers
 * that show this to anyone but the vendor and staff show busy/free only.
 */
export const busyDaysOf = async (
  req: PayloadRequest,
  vendorId: number,
  from: Day,
  to: Day,
): Promise<BusyDays> => {
  const [vendor, bookings] = await Promise.all([
    req.payload.findByID({
      collection: slugs.vendors,
      id: vendorId,
      depth: 0,
      select: { unavailableDates: true, externalCalendars: true },
      overrideAccess: true,
      req,
    }),
    req.payload.find({
      collection: slugs.bookings,
      where: {
        and: [
          { vendor: { equals: vendorId } },
          { status: { in: ['confirmed', 'completed'] } },
          { eventDate: { greater_than_equal: nzMidnight(from).toISOString() } },
          { eventDate: { less_than: nzMidnight(addDays(to, 1)).toISOString() } },
        ],
      },
      pagination: false,
      depth: 0,
      select: { eventDate: true },
      overrideAccess: true,
      req,
    }),
  ])
  const busy: BusyDays = {}
  const mark = (day: Day, reason: BusyReason) => {
    if (day < from || day > to) return
    const current = busy[day]
    if (!current || RANK[reason] > RANK[current]) busy[day] = reason
  }
  for (const calendar of vendor.externalCalendars ?? []) {
    for (const period of busyPeriodsOf(calendar.busy)) {
      for (const day of daysFrom(period.from, period.to)) mark(day, 'elsewhere')
    }
  }
  for (const day of blockedDays(vendor.unavailableDates, from, to)) mark(day, 'blocked')
  for (const booking of bookings.docs) mark(dayOf(booking.eventDate), 'booked')
  return busy
}

/** The busy periods an imported calendar keeps (`{ from, to }` days), read defensively. */
export const busyPeriodsOf = (value: unknown): { from: Day; to: Day }[] =>
  Array.isArray(value)
    ? value.filter(
        (period): period is { from: Day; to: Day } =>
          typeof period?.from === 'string' && typeof period?.to === 'string',
      )
    : []
