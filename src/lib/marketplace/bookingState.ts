import { idOf } from '@/lib/kit/ids'
import type { Booking } from '@/payload-types'

import { nzDay, nzToday } from './dates'

export type BookingSide = 'organizer' | 'vendor'

/** What one side of a booking may do with it now, and what to tell them about it. */
export type BookingState = {
  /** From the day of the event, until this side has marked it done. */
  canMarkDone: boolean
  /** Until the end of the event's day in New Zealand. */
  canCancel: boolean
  myMark: string | null
  theirMark: string | null
  /** Who cancelled, when and why (the history entry's note). */
  cancelled: { by: BookingSide | 'staff'; at: string; reason: string } | null
  completedAt: string | null
  /** Completed, so the organizer may review the vendor. */
  reviewable: boolean
}

/** The rules of src/lib/marketplace/bookings.ts, read for a page: the endpoints still decide. */
export const bookingState = (
  booking: Booking,
  side: BookingSide,
  now = new Date(),
): BookingState => {
  const day = nzDay(booking.eventDate)
  const today = nzToday(now)
  const confirmed = booking.status === 'confirmed'
  const myMark = (side === 'organizer' ? booking.organizerDoneAt : booking.vendorDoneAt) ?? null
  const theirMark = (side === 'organizer' ? booking.vendorDoneAt : booking.organizerDoneAt) ?? null
  const last = booking.history?.at(-1)
  const by = last?.by == null ? null : idOf(last.by)
  return {
    canMarkDone: confirmed && day <= today && !myMark,
    canCancel: confirmed && day >= today,
    myMark,
    theirMark,
    cancelled:
      booking.status === 'cancelled' && last
        ? {
            by:
              by === idOf(booking.organizer)
                ? 'organizer'
                : by === idOf(booking.vendorOwner)
                  ? 'vendor'
                  : 'staff',
            at: last.at,
            reason: last.note ?? '',
          }
        : null,
    completedAt: booking.status === 'completed' ? (last?.at ?? null) : null,
    reviewable: booking.status === 'completed',
  }
}
