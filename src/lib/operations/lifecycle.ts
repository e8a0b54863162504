import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { markPoolClosing } from '@/lib/db/adapter'
import { getRealtime, PostgresRealtimeDriver } from '@/plugins/realtime'

import { handlesShutdown, onShutdown } from './shutdownSteps'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

const prepared = new WeakSet<Payload>()

/**
 * This Payload's part in a graceful shutdown (`shutdown.ts`): its live-update streams end
 * with the connections, its job crons stop and a job already running is let finish, and its
 * connections close before the database stops. Called from `onInit`; only servers take part.
 */
export const stopWithTheServer = (payload: Payload): void => {
  if (!handlesShutdown() || prepared.has(payload)) return
  prepared.add(payload)
  onShutdown('connections', 'live-update streams', () => {
    const driver = getRealtime(payload)
    if (driver instanceof PostgresRealtimeDriver) driver.endStreams()
  })
  onShutdown('work', 'job queue', async () => {
    // Taken out of Payload's list, so `destroy` below does not stop them a second time.
    const crons = payload.crons.splice(0, payload.crons.length)
    for (const cron of crons) cron.stop()
    // A stopped cron's run that had begun goes on to its end; `isBusy` says until when.
    while (crons.some((cron) => cron.isBusy())) await sleep(50)
  })
  onShutdown('resources', 'connections', async () => {
    await getRealtime(payload).stop?.()
    const pool = (payload.db as unknown as PostgresAdapter).pool
    if (pool) markPoolClosing(pool)
    await payload.destroy()
    // Payload's destroy forgets the schema but leaves the pool open: its idle connections would
    // be cut when the database stops, each an uncaught error. Ended here, once queries are done.
    // `end` resolves once each connection has been asked to close, not once it has (its
    // `remove` event says so): an embedded PostgreSQL stopped at once would still cut some and
    // log it. So wait for each of them, at most 1 s.
    if (pool) {
      let open = pool.idleCount
      const closed = new Promise<void>((resolve) => {
        if (open === 0) resolve()
        pool.on('remove', () => {
          open -= 1
          if (open <= 0) resolve()
        })
      })
      await pool.end()
      await Promise.race([closed, sleep(1_000)])
    }
  })
}
