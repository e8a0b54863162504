import type { Booking } from '@/payload-types'

import { bookingState } from './bookingState'
import { nzMidnight } from './dates'

const ORGANIZER = 1
const VENDOR_OWNER = 2

const booking = (overrides: Partial<Booking> = {}): Booking =>
  ({
    id: 7,
    job: 3,
    application: 4,
    vendor: 5,
    organizer: ORGANIZER,
    vendorOwner: VENDOR_OWNER,
    eventDate: nzMidnight('2027-03-06').toISOString(),
    totalCents: 100_000,
    status: 'confirmed',
    history: [{ from: null, to: 'confirmed', by: ORGANIZER, at: '2027-01-10T00:00:00.000Z' }],
    updatedAt: '2027-01-10T00:00:00.000Z',
    createdAt: '2027-01-10T00:00:00.000Z',
    ...overrides,
  }) as Booking

/** An instant on a New Zealand day, mid-morning there. */
const on = (day: string) => new Date(nzMidnight(day).getTime() + 10 * 3_600_000)

describe('bookingState', () => {
  it('offers cancelling before the event and on its day, marking done from its day only', () => {
    expect(bookingState(booking(), 'organizer', on('2027-03-05'))).toMatchObject({
      canCancel: true,
      canMarkDone: false,
    })
    expect(bookingState(booking(), 'vendor', on('2027-03-06'))).toMatchObject({
      canCancel: true,
      canMarkDone: true,
    })
    expect(bookingState(booking(), 'vendor', on('2027-03-07'))).toMatchObject({
      canCancel: false,
      canMarkDone: true,
    })
  })

  it('reads each side’s mark as mine or theirs, and offers no second mark', () => {
    const marked = booking({ vendorDoneAt: '2027-03-06T09:00:00.000Z' })
    expect(bookingState(marked, 'vendor', on('2027-03-06'))).toMatchObject({
      myMark: '2027-03-06T09:00:00.000Z',
      theirMark: null,
      canMarkDone: false,
    })
    expect(bookingState(marked, 'organizer', on('2027-03-06'))).toMatchObject({
      myMark: null,
      theirMark: '2027-03-06T09:00:00.000Z',
      canMarkDone: true,
    })
  })

  it('names who cancelled and why, and offers nothing on a cancelled booking', () => {
    const at = '2027-02-01T00:00:00.000Z'
    const cancelled = booking({
      status: 'cancelled',
      history: [
        ...booking().history!,
        { from: 'confirmed', to: 'cancelled', by: VENDOR_OWNER, at, note: 'Van broke down.' },
      ],
    })
    expect(bookingState(cancelled, 'organizer', on('2027-02-01'))).toMatchObject({
      cancelled: { by: 'vendor', at, reason: 'Van broke down.' },
      canCancel: false,
      canMarkDone: false,
      reviewable: false,
    })
    const byStaff = booking({
      status: 'cancelled',
      history: [{ from: 'confirmed', to: 'cancelled', by: 99, at, note: 'Settled.' }],
    })
    expect(bookingState(byStaff, 'vendor').cancelled?.by).toBe('staff')
  })

  it('opens the review once completed, by the scheduled task too', () => {
    const at = '2027-03-07T00:05:00.000Z'
    const completed = booking({
      status: 'completed',
      history: [...booking().history!, { from: 'confirmed', to: 'completed', by: null, at }],
    })
    expect(bookingState(completed, 'organizer', on('2027-03-07'))).toMatchObject({
      reviewable: true,
      completedAt: at,
      canMarkDone: false,
      canCancel: false,
    })
  })
})
