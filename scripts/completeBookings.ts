/**
 * npm run bookings:complete [-- --as-of=YYYY-MM-DD]
 * Completes every confirmed booking whose event day has ended in New Zealand: the hourly
 * `completeFinishedBookings` task, run at once (after the scheduler was off, say). `--as-of`
 * runs it as at midday on that New Zealand day instead of now — for a staging copy, or a
 * browser test that moves the clock past an event without waiting a day.
 */
import { createLocalReq, getPayload } from 'payload'

import { completeFinishedBookings } from '@/lib/marketplace/bookings'
import { nzMidnight } from '@/lib/marketplace/dates'

const asOfArg = process.argv.slice(2).find((arg) => arg.startsWith('--as-of='))
const asOf = asOfArg?.slice('--as-of='.length)
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error(`--as-of takes a day as YYYY-MM-DD, not "${asOf}".`)
  process.exit(2)
}
const now = asOf ? new Date(nzMidnight(asOf).getTime() + 12 * 3_600_000) : new Date()
if (Number.isNaN(now.getTime())) {
  console.error(`--as-of=${asOf} is not a day on the calendar.`)
  process.exit(2)
}

process.env.SEED_DEMO_DATA = 'false'
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
try {
  const result = await completeFinishedBookings(await createLocalReq({}, payload), now)
  payload.logger.info(
    `Completed ${result.completed} bookings as of ${now.toISOString()}${result.failed ? `; ${result.failed} could not complete (logged above)` : ''}`,
  )
  process.exit(result.failed ? 1 : 0)
} catch (error) {
  payload.logger.error({ err: error, msg: 'Completing bookings failed' })
  process.exit(1)
}
