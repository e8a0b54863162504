import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDb } from '@/lib/kit/transaction'

/**
 * Locks a job's row until the transaction ends, so two vendors quoting at once cannot both
 * take the last place under the cap, and two accepts on one job cannot both win.
 */
export const lockJob = async (req: PayloadRequest, jobId: number): Promise<void> => {
  const db = await transactionDb(req)
  await db.execute(sql`select id from jobs where id = ${jobId} for update`)
}
