import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDb } from '@/lib/kit/transaction'

/** Locks one row until the request's transaction ends. */
export const lockRow = async (
  req: PayloadRequest,
  table: 'jobs' | 'bookings' | 'saved_lists' | 'invitations' | 'webhook_endpoints',
  id: number,
) => {
  const db = await transactionDb(req)
  await db.execute(sql`select id from ${sql.identifier(table)} where id = ${id} for update`)
}

/**
 * Locks a job's row until the transaction ends, so two vendors quoting at once cannot both
 * take the last place under the cap, and two accepts on one job cannot both win.
 */
export const lockJob = (req: PayloadRequest, jobId: number): Promise<void> =>
  lockRow(req, 'jobs', jobId)

/**
 * Locks a booking's row, so both sides marking it done at the same moment complete it once,
 * and a cancel and a completion cannot both land.
 */
export const lockBooking = (req: PayloadRequest, bookingId: number): Promise<void> =>
  lockRow(req, 'bookings', bookingId)
