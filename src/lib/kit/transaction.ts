import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import type { Pool, PoolClient } from 'pg'

const AFTER_COMMIT = 'afterCommit'

type Pending = (() => Promise<void>)[]

/**
 * Runs `work` in one database transaction shared by every Local API call that passes `req`:
 * an accepted quote, its booking, the filled job and the declined quotes land together or not
 * at all. Joins the request's transaction when it already has one. What was queued with
 * `afterCommit` runs once the transaction this call began has committed.
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
 * Runs `work` once the request's transaction has committed — at once when there is none.
 * `runAfterCommit` is called by whoever committed (`inTransaction`).
 */
export const afterCommit = async (
  req: PayloadRequest,
  work: () => Promise<void>,
): Promise<void> => {
  if (!(await req.transactionID)) {
    await work()
    return
  }
  const pending = ((req.context[AFTER_COMMIT] as Pending | undefined) ??= [])
  pending.push(work)
}

/** Runs what waited for the commit; failures are logged, the committed work stands. */
export const runAfterCommit = async (req: PayloadRequest): Promise<void> => {
  const pending = (req.context[AFTER_COMMIT] as Pending | undefined) ?? []
  req.context[AFTER_COMMIT] = []
  for (const work of pending) {
    await work().catch((error: unknown) =>
      req.payload.logger.error({ err: error, msg: 'Work after commit failed' }),
    )
  }
}

/** Forgets what waited for a transaction that rolled back. */
export const discardAfterCommit = (req: PayloadRequest): void => {
  req.context[AFTER_COMMIT] = []
}

/**
 * The Drizzle handle for raw SQL that belongs to the request's transaction when it has one,
 * so a statement commits or rolls back with the Local API calls that pass the same `req`.
 */
export const transactionDb = async (req: PayloadRequest) => {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const transactionID = await req.transactionID
  return (transactionID && adapter.sessions?.[transactionID]?.db) || adapter.drizzle
}

/** Runs `work` on one pool connection inside BEGIN … COMMIT, rolling back if it throws. */
export const withTransaction = async <T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> => {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}
