import type { Payload, PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import type { Env } from '@/lib/kit/env'
import { parseSerialId } from '@/lib/kit/ids'
import {
  CHANNEL_PATTERN,
  PostgresRealtimeDriver,
  PusherRealtimeDriver,
  type RealtimeDriver,
} from '@/plugins/realtime'

/** Pusher (or a Pusher-protocol server) when its keys are set; otherwise PostgreSQL and SSE. */
export const realtimeDriverFromEnv =
  (env: Env) =>
  (payload: Payload): RealtimeDriver =>
    env.PUSHER_APP_ID && env.PUSHER_KEY && env.PUSHER_SECRET
      ? new PusherRealtimeDriver({
          appId: env.PUSHER_APP_ID,
          key: env.PUSHER_KEY,
          secret: env.PUSHER_SECRET,
          cluster: env.PUSHER_CLUSTER,
          host: env.PUSHER_HOST,
          port: env.PUSHER_PORT,
          publicHost: env.PUSHER_PUBLIC_HOST ?? env.PUSHER_HOST,
          publicPort: env.PUSHER_PUBLIC_PORT ?? env.PUSHER_PORT,
          useTLS: env.PUSHER_USE_TLS,
        })
      : new PostgresRealtimeDriver(payload)

/**
 * Who may listen where: your own notifications (`private-user-<your id>`), and a thread you can
 * read (`private-thread-<id>`: its two people, and admins).
 */
export const authorizeChannel = async ({
  req,
  channel,
}: {
  req: PayloadRequest
  channel: string
}) => {
  const match = CHANNEL_PATTERN.exec(channel)
  if (!match || !req.user) return false
  const id = parseSerialId(match[2])
  if (id === null) return false
  if (match[1] === 'user') return id === req.user.id
  const thread = await req.payload.findByID({
    collection: slugs.threads,
    id,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    disableErrors: true,
    req,
  })
  return Boolean(thread)
}
