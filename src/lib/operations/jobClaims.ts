import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, UpdateJobsArgs } from 'payload'

/** One key for every queue: a claim takes a few milliseconds, and they are rare. */
const CLAIM_LOCK = `SELECT pg_advisory_lock(hashtext('eventpros-job-claims'))`
const CLAIM_UNLOCK = `SELECT pg_advisory_unlock(hashtext('eventpros-job-claims'))`

const guarded = new WeakSet<Payload>()

/**
 * Payload claims due jobs in two steps with nothing between them: it reads them, then marks
 * each `processing` (`runJobs` → `db.updateJobs({ where, data: { processing: true } })`). Two
 * instances whose crons tick in the same second — every instance runs the same schedule — both
 * read the same jobs and both run them: an email sent twice. Here each claim holds one
 * PostgreSQL advisory lock from the read until the marks are committed (Payload makes each claim
 * in a transaction of its own and commits it after `updateJobs` returns, so the claim is
 * committed here, inside the lock: released before that, another instance read the jobs as
 * still due and ran them too — two instances' e2e test saw every invitation email twice).
 * Another claim, in this process or another instance, waits and then reads those jobs as taken.
 * The run itself is not held.
 */
export const claimJobsOneAtATime = (payload: Payload): void => {
  if (guarded.has(payload)) return
  guarded.add(payload)
  const db = payload.db as unknown as PostgresAdapter
  const updateJobs = db.updateJobs.bind(db)
  db.updateJobs = async (args: UpdateJobsArgs) => {
    const isClaim = args.id === undefined && args.data.processing === true
    if (!isClaim) return updateJobs(args)
    const client = await db.pool.connect()
    try {
      await client.query(CLAIM_LOCK)
      const claimed = await updateJobs(args)
      // Payload commits this transaction once more afterwards, which is then a no-op.
      const transactionID = args.req?.transactionID
      if (transactionID) await db.commitTransaction(await transactionID)
      return claimed
    } finally {
      // A connection that cannot unlock is dropped, which releases its lock too.
      await client.query(CLAIM_UNLOCK).then(
        () => client.release(),
        (error: Error) => client.release(error),
      )
    }
  }
}
