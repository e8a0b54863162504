import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

export type Heard = { channel: string; event: string; data: Record<string, unknown> }

/**
 * A listener on what the real PostgreSQL realtime driver committed: each call returns the rows
 * of `realtime.events` (what every Server-Sent Events client is sent) since the last call. A
 * rolled-back request leaves none.
 */
export const realtimeRecorder = (payload: () => Payload) => {
  let lastEventId = 0
  return async (): Promise<Heard[]> => {
    const { rows } = await (payload().db as unknown as PostgresAdapter).drizzle.execute<{
      id: string
      channel: string
      event: string
      data: Record<string, unknown>
    }>(
      sql`select id, channel, event, data from realtime.events where id > ${lastEventId} order by id`,
    )
    for (const row of rows) lastEventId = Math.max(lastEventId, Number(row.id))
    return rows.map(({ channel, event, data }) => ({ channel, event, data }))
  }
}
