import type { PayloadRequest } from 'payload'

import { isStaffUser } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { queueEmail } from '@/lib/kit/email'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import { onlyFields, plainText } from '@/lib/trust/input'
import type { Booking, Job, User, Vendor } from '@/payload-types'
import { publish, userChannel } from '@/plugins/realtime'

import { nzDay, nzDayIsAhead, nzLongDate, nzMidnight, nzToday } from './dates'
import { lockBooking } from './jobLock'
import { moveJob } from './jobs'
import { transitionContext, transitionProblem } from './transitions'

/**
 * The end of a booking, through the one state machine: it completes when both sides mark it
 * done (from the day of the event) or by itself the day after (a scheduled job); either side
 * cancels it before the event is over, with a reason the other side is shown. Staff may do
 * either at any time, to settle a dispute. Every change is in the booking's history.
 */

export const CANCEL_REASON_LENGTH = { min: 10, max: 500 } as const

export const AUTO_COMPLETE_NOTE = 'Completed by itself the day after the event.'

type Side = 'organizer' | 'vendor' | 'staff'

const DONE_FIELD = { organizer: 'organizerDoneAt', vendor: 'vendorDoneAt' } as const

const sideOf = (user: User, booking: Booking): Side => {
  if (idOf(booking.organizer) === user.id) return 'organizer'
  if (idOf(booking.vendorOwner) === user.id) return 'vendor'
  if (isStaffUser(user)) return 'staff'
  // Unreachable: the booking was read with the person's own access, which is parties and staff.
  throw new RequestError(404, 'NOT_FOUND', 'Booking not found.')
}

const titleOf = (booking: Booking) => (booking.job as Job).title
const vendorNameOf = (booking: Booking) => (booking.vendor as Vendor).businessName

/**
 * Both sides' pages follow the booking; ids and status only, each page reads the rest itself.
 * `by` names the side's own account when one of the two made the change, so that person's bell
 * stays quiet; null when staff or the scheduled completion did (no staff id is sent out).
 */
const announce = (req: PayloadRequest, booking: Booking, system = false) => {
  const actor = system || !req.user || isStaffUser(req.user) ? null : req.user.id
  return publish(
    req,
    [userChannel(idOf(booking.organizer)), userChannel(idOf(booking.vendorOwner))],
    'booking.status',
    {
      bookingId: booking.id,
      jobId: idOf(booking.job),
      status: booking.status,
      by: actor,
    },
  )
}

/** The booking as the caller may see it, locked for the rest of the transaction. */
const readLocked = async (req: PayloadRequest, id: number): Promise<Booking> => {
  await lockBooking(req, id)
  return findVisible(req, slugs.bookings, id, 'Booking not found.', 1)
}

type MoveOptions = {
  note?: string
  data?: Partial<Booking>
  /** The scheduled completion: written as the system, by nobody, whoever's request runs it. */
  system?: boolean
  /** When it happened, if not now: the completion run as of another moment. */
  at?: Date
}

/**
 * Writes a status change and its history entry, with the person's own access, or as the system
 * for the scheduled completion.
 */
const move = async (
  req: PayloadRequest,
  booking: Booking,
  to: Booking['status'],
  { note, data = {}, system = false, at = new Date() }: MoveOptions = {},
): Promise<Booking> => {
  const problem = transitionProblem('bookings', booking.status, to)
  if (problem) {
    throw new RequestError(409, 'INVALID_TRANSITION', problem, { from: booking.status, to })
  }
  const updated = await req.payload.update({
    collection: slugs.bookings,
    id: booking.id,
    data: {
      ...data,
      status: to,
      history: [
        ...(booking.history ?? []),
        {
          from: booking.status,
          to,
          by: system ? null : req.user!.id,
          at: at.toISOString(),
          note,
        },
      ],
    },
    depth: 1,
    // System write for the scheduler: the transition was checked above and nobody acts.
    ...(system ? { overrideAccess: true } : { user: req.user, overrideAccess: false }),
    context: transitionContext,
    req,
  })
  await announce(req, updated, system)
  return updated
}

/** Completes a booking and asks the organizer for a review. */
const complete = async (req: PayloadRequest, booking: Booking, options: MoveOptions) => {
  const completed = await move(req, booking, 'completed', options)
  await queueEmail(req, {
    userId: idOf(booking.organizer),
    subject: `How was ${vendorNameOf(booking)}? Review “${titleOf(booking)}”`,
    intro: `Your booking of ${vendorNameOf(booking)} for “${titleOf(booking)}” is complete. A few words on how it went help other organizers choose, and help good vendors get found.`,
    actionLabel: 'Write a review',
    actionPath: `/bookings/${booking.id}/review`,
    kind: 'reviews',
  })
  return completed
}

/**
 * One side says the event happened as agreed. The booking completes once both have (or when
 * staff do); until then it stays confirmed, with the first side's mark shown to both.
 */
export const markBookingDone = async (req: PayloadRequest, id: number): Promise<Booking> => {
  const user = signedIn(req, 'Sign in to manage your bookings.')
  return inTransaction(req, async () => {
    const booking = await readLocked(req, id)
    const side = sideOf(user, booking)
    const problem = transitionProblem('bookings', booking.status, 'completed')
    if (problem) {
      throw new RequestError(409, 'INVALID_TRANSITION', problem, {
        from: booking.status,
        to: 'completed',
      })
    }
    if (side === 'staff') return complete(req, booking, { note: 'Completed by staff.' })
    if (nzDayIsAhead(booking.eventDate)) {
      throw new RequestError(
        409,
        'EVENT_NOT_HELD',
        `You can mark this booking done from the day of the event, ${nzLongDate(booking.eventDate)}.`,
      )
    }
    const mine = DONE_FIELD[side]
    if (booking[mine]) {
      throw new RequestError(
        409,
        'ALREADY_MARKED_DONE',
        'You have marked this booking done already. It completes when the other side does, or by itself the day after the event.',
      )
    }
    const data = { [mine]: new Date().toISOString() }
    const theirs = booking[DONE_FIELD[side === 'organizer' ? 'vendor' : 'organizer']]
    if (theirs) return complete(req, booking, { note: 'Both sides marked it done.', data })
    const marked = await req.payload.update({
      collection: slugs.bookings,
      id: booking.id,
      data,
      depth: 1,
      user,
      overrideAccess: false,
      context: transitionContext,
      req,
    })
    await announce(req, marked)
    return marked
  })
}

export type CancelInput = { reason?: unknown; reopenJob?: unknown }

const cancelReason = (input: CancelInput): string => {
  const reason = plainText(input.reason, 'reason') ?? ''
  const { min, max } = CANCEL_REASON_LENGTH
  if (reason.length < min) {
    throw invalidInput(
      'reason',
      `Say why you are cancelling, in at least ${min} characters: the other side is shown it.`,
    )
  }
  if (reason.length > max) throw invalidInput('reason', `Keep the reason to ${max} characters.`)
  return reason
}

/**
 * Either side cancels before the event is over (until the end of its day in New Zealand), with
 * a reason; the other side is told live and by email, an email that always goes (a cancelled
 * booking is never a notification to switch off). The organizer may reopen the job for quotes
 * in the same step.
 */
export const cancelBooking = async (
  req: PayloadRequest,
  id: number,
  input: CancelInput,
): Promise<{ booking: Booking; job: Job | null }> => {
  const user = signedIn(req, 'Sign in to manage your bookings.')
  onlyFields(input, ['reason', 'reopenJob'])
  const reason = cancelReason(input)
  if (input.reopenJob !== undefined && typeof input.reopenJob !== 'boolean') {
    throw invalidInput('reopenJob', 'reopenJob must be true or false.')
  }
  return inTransaction(req, async () => {
    const booking = await readLocked(req, id)
    const side = sideOf(user, booking)
    if (side !== 'staff' && nzDay(booking.eventDate) < nzToday()) {
      throw new RequestError(
        409,
        'EVENT_PASSED',
        'This event has already happened, so the booking can no longer be cancelled. If something went wrong, contact us.',
      )
    }
    if (input.reopenJob && side === 'vendor') {
      throw new RequestError(403, 'FORBIDDEN', 'Only the organizer can reopen their job.')
    }
    // Said before anything changes, so a refused reopen never leaves the booking half-cancelled.
    if (input.reopenJob && !nzDayIsAhead(booking.eventDate)) {
      throw new RequestError(
        409,
        'REOPEN_TOO_LATE',
        'The event is today, so the job cannot take quotes again: cancel without reopening it.',
      )
    }
    const cancelled = await move(req, booking, 'cancelled', { note: reason })
    const who =
      side === 'organizer'
        ? 'The organizer'
        : side === 'vendor'
          ? vendorNameOf(booking)
          : 'Event Pros NZ'
    const told =
      side === 'organizer'
        ? [booking.vendorOwner]
        : side === 'vendor'
          ? [booking.organizer]
          : [booking.organizer, booking.vendorOwner]
    for (const person of told) {
      await queueEmail(req, {
        userId: idOf(person),
        subject: `Booking cancelled: “${titleOf(booking)}”`,
        intro: `${who} cancelled the booking for “${titleOf(booking)}” on ${nzLongDate(booking.eventDate)}. The reason given: “${reason}”`,
        actionLabel: 'See the booking',
        actionPath: `/bookings/${booking.id}`,
      })
    }
    const job = input.reopenJob
      ? await moveJob(req, idOf(booking.job), 'published', 'filled')
      : null
    return { booking: cancelled, job }
  })
}

/**
 * The scheduled completion: every booking still confirmed whose event day has ended in New
 * Zealand completes, read again under its lock so someone marking it done at that moment
 * completes it once. One that fails is logged and counted, and the rest still complete.
 */
export const completeFinishedBookings = async (
  req: PayloadRequest,
  now = new Date(),
  /** Only these bookings (an operator completing one by hand); all of them when absent. */
  only?: number[],
): Promise<{ completed: number; failed: number }> => {
  const todayStarts = nzMidnight(nzToday(now)).toISOString()
  let completed = 0
  let failed = 0
  let after = 0
  for (;;) {
    // System read: the job runs for nobody in particular.
    const { docs } = await req.payload.find({
      collection: slugs.bookings,
      where: {
        and: [
          { status: { equals: 'confirmed' } },
          { eventDate: { less_than: todayStarts } },
          ...(only ? [{ id: { in: only } }] : []),
          ...(after > 0 ? [{ id: { greater_than: after } }] : []),
        ],
      },
      sort: 'id',
      limit: 50,
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (docs.length === 0) return { completed, failed }
    for (const { id } of docs) {
      after = id
      try {
        await inTransaction(req, async () => {
          await lockBooking(req, id)
          // System read, as the one above: read again under the lock.
          const booking = await req.payload.findByID({
            collection: slugs.bookings,
            id,
            depth: 1,
            overrideAccess: true,
            req,
          })
          if (booking.status !== 'confirmed') return
          await complete(req, booking, { note: AUTO_COMPLETE_NOTE, system: true, at: now })
          completed += 1
        })
      } catch (error) {
        // One booking that cannot complete (its job deleted by an admin, say) stops no other.
        failed += 1
        req.payload.logger.error({ err: error, bookingId: id }, 'Could not complete a booking')
      }
    }
  }
}
