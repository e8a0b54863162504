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
) =>
  payload.jobs.queue({
    task,
    input,
    queue: searchConfig(payload).queue,
    req,
    // Payload types `task` as the app's generated union of task slugs, which a plugin that
    // adds its own tasks cannot name.
  } as never) as Promise<{ id: number | string }>
