import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

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
    await payload.destroy()
    // Payload's destroy forgets the schema but leaves the pool open: its idle connections would
    // be cut when the database stops, each an uncaught error. Ended here, once queries are done.
    await pool?.end()
  })
}
