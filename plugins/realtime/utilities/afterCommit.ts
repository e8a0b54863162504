import type { PayloadRequest } from 'payload'

const KEY = 'afterCommit'

type Pending = (() => Promise<void>)[]

/**
 * Runs `work` once the request's transaction has committed — at once when there is none.
 * `runAfterCommit` is called by whoever committed (see src/lib/marketplace/transaction.ts).
 */
export const afterCommit = async (
  req: PayloadRequest,
  work: () => Promise<void>,
): Promise<void> => {
  if (!(await req.transactionID)) {
    await work()
    return
  }
  const pending = ((req.context[KEY] as Pending | undefined) ??= [])
  pending.push(work)
}

/** Runs what waited for the commit; failures are logged, the committed work stands. */
export const runAfterCommit = async (req: PayloadRequest): Promise<void> => {
  const pending = (req.context[KEY] as Pending | undefined) ?? []
  req.context[KEY] = []
  for (const work of pending) {
    await work().catch((error: unknown) =>
      req.payload.logger.error({ err: error, msg: 'Work after commit failed' }),
    )
  }
}

/** Forgets what waited for a transaction that rolled back. */
export const discardAfterCommit = (req: PayloadRequest): void => {
  req.context[KEY] = []
}
