import type { PayloadRequest, TaskConfig } from 'payload'

import type { SanitizedSearchPluginConfig } from '../types'

type Handler = (args: { input: unknown; req: PayloadRequest }) => Promise<{ output: object }>

/**
 * One of the plugin's tasks. A disabled plugin keeps its tasks (queued jobs stay valid) but
 * they do nothing; index updates retry with backoff, as the options say, unless the task says
 * otherwise.
 */
export const searchTask = (
  options: SanitizedSearchPluginConfig,
  { handler, ...task }: Omit<TaskConfig, 'handler'> & { handler: Handler },
): TaskConfig =>
  ({
    retries: {
      attempts: options.retries.attempts,
      backoff: { type: 'exponential', delay: options.retries.delayMs },
    },
    ...task,
    handler: (args: { input: unknown; req: PayloadRequest }) =>
      options.disabled ? { output: {} } : handler(args),
  }) as TaskConfig
