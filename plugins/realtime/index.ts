import type { Config, PayloadRequest } from 'payload'

import { realtimeAuthEndpoint } from './endpoints/auth'
import { realtimeStreamEndpoint } from './endpoints/stream'
import type { RealtimePluginConfig, SanitizedRealtimePluginConfig } from './types'
import { getRealtime, realtimeConfig } from './utilities/runtime'

export { PostgresRealtimeDriver } from './drivers/postgres'
export { type PusherDriverOptions, PusherRealtimeDriver } from './drivers/pusher'
export type {
  RealtimeClientConfig,
  RealtimeDriver,
  RealtimePluginConfig,
  SanitizedRealtimePluginConfig,
} from './types'
export { CHANNEL_PATTERN, threadChannel, userChannel } from './utilities/channels'
export { getRealtime, setRealtime } from './utilities/runtime'

/**
 * Live updates for browsers: one `publish(req, channels, event, data)` for the app, and either
 * Pusher (with `POST /api/realtime/auth`) or PostgreSQL LISTEN/NOTIFY with Server-Sent Events
 * (`GET /api/realtime/stream`) underneath, chosen once from the environment.
 */
export const realtimePlugin =
  (options: RealtimePluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedRealtimePluginConfig = {
      ...options,
      disabled: options.disabled ?? false,
    }
    return {
      ...config,
      custom: { ...config.custom, realtime: sanitized },
      endpoints: [...(config.endpoints ?? []), realtimeStreamEndpoint, realtimeAuthEndpoint],
      onInit: async (payload) => {
        await config.onInit?.(payload)
        if (sanitized.disabled) return
        await getRealtime(payload)
          .start?.(payload)
          .catch((error: unknown) =>
            payload.logger.error({ err: error, msg: 'Realtime could not start' }),
          )
      },
    }
  }

/** Publishes through this instance's driver; does nothing when the plugin is disabled. */
export const publish = async (
  req: PayloadRequest,
  channels: string | string[],
  event: string,
  data: Record<string, unknown>,
) => {
  if (realtimeConfig(req.payload).disabled) return
  await getRealtime(req.payload).publish(
    req,
    typeof channels === 'string' ? [channels] : channels,
    event,
    data,
  )
}
