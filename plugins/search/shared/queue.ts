import type { Payload, PayloadRequest } from 'payload'

import { searchConfig } from '../runtime'

/**
 * Queues one of the plugin's tasks on its queue. With `req` the job is written in the same
 * transaction as the change that asked for it (the outbox): both are saved or neither is.
 */
export const queueSearchTask = (
  payload: Payload,
  task: string,
  input: object,
  req?: PayloadRequest,
): Promise<{ id: number | string }> => {
  const job = { task, input, queue: searchConfig(payload).queue, req }
  // Payload types `task` as the app's generated union of task slugs, which a plugin that adds
  // its own tasks cannot name.
  return payload.jobs.queue(job as never)
}
