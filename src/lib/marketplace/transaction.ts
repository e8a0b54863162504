import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import { transactionDb } from '@/lib/db/transactionDb'
import { discardAfterCommit, runAfterCommit } from '@/plugins/realtime/utilities/afterCommit'

/**
 * Runs `work` in one database transaction shared by every Local API call that passes `req`:
 * an accepted quote, its booking, the filled job and the declined quotes land together or not
 * at all. Joins the request's transaction when it already has one.
 */
export const inTransaction = async <T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> => {
  const owns = await initTransaction(req)
  let result: T
  try {
    result = await work()
    if (owns) await commitTransaction(req)
  } catch (error) {
    if (owns) {
      await killTransaction(req)
      discardAfterCommit(req)
    }
    throw error
  }
  // Realtime events announce what is now committed and readable.
  if (owns) await runAfterCommit(req)
  return result
}

/**
 * Locks a job's row until the transaction ends, so two vendors quoting at once cannot both
 * take the last place under the cap, and two accepts on one job cannot both win.
 */
export const lockJob = async (req: PayloadRequest, jobId: number): Promise<void> => {
  const db = await transactionDb(req)
  await db.execute(sql`select id from jobs where id = ${jobId} for update`)
}
