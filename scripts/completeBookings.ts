/**
 * npm run bookings:complete [-- --as-of=YYYY-MM-DD [--future]] [--booking=ID]
 * Completes every confirmed booking whose event day has ended in New Zealand: the hourly
 * `completeFinishedBookings` task, run at once (after the scheduler was off, say).
 * `--as-of` runs it as at midday on that New Zealand day instead of now; a day still to come
 * needs `--future` as well (it completes events that have not happened: a staging copy, or a
 * browser test moving the clock past its event). `--booking` keeps to that one booking.
 */
import { createLocalReq, getPayload } from 'payload'

import { completeFinishedBookings } from '@/lib/marketplace/bookings'
import { nzMidnight, nzToday } from '@/lib/marketplace/dates'

const args = process.argv.slice(2)
const option = (name: string) =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
const refuse = (message: string) => {
  console.error(message)
  process.exit(2)
}

const asOf = option('as-of')
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  refuse(`--as-of takes a day as YYYY-MM-DD, not "${asOf}".`)
}
const now = asOf ? new Date(nzMidnight(asOf).getTime() + 12 * 3_600_000) : new Date()
if (Number.isNaN(now.getTime())) refuse(`--as-of=${asOf} is not a day on the calendar.`)
if (asOf && asOf > nzToday() && !args.includes('--future')) {
  refuse(`${asOf} is still to come in New Zealand: add --future to complete events before it.`)
}
const booking = option('booking')
if (booking !== undefined && !/^[1-9]\d{0,9}$/.test(booking)) {
  refuse(`--booking takes a booking's id, not "${booking}".`)
}

process.env.SEED_DEMO_DATA = 'false'
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
try {
  const result = await completeFinishedBookings(
    await createLocalReq({}, payload),
    now,
    booking ? [Number(booking)] : undefined,
  )
  payload.logger.info(
    `Completed ${result.completed} bookings as of ${now.toISOString()}${result.failed ? `; ${result.failed} could not complete (logged above)` : ''}`,
  )
  process.exit(result.failed ? 1 : 0)
} catch (error) {
  payload.logger.error({ err: error, msg: 'Completing bookings failed' })
  process.exit(1)
}
