import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { apiError } from '@/lib/kit/response'

import { PostgresRealtimeDriver } from '../drivers/postgres'
import type { RealtimeEvent } from '../types'
import { CHANNEL_PATTERN, userChannel } from '../utilities/channels'
import { getRealtime, realtimeConfig } from '../utilities/runtime'
import type { Contract } from './contract'

const HEARTBEAT_MS = 20_000
/** How soon a browser whose stream ended in a shutdown tries again (a little spread by jitter in EventSource). */
const RECONNECT_AFTER_SHUTDOWN_MS = 1_000
const MAX_CHANNELS = 20
/** An event's id, the serial number of its row in realtime.events. */
const EVENT_ID = /^\d{1,18}$/

const STREAM = {
  headers: {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Nginx and the like pass the stream on as it is written instead of buffering it.
    'X-Accel-Buffering': 'no',
  },
}

const encoder = new TextEncoder()
const frame = (event: RealtimeEvent) =>
  encoder.encode(
    `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify({ channel: event.channel, ...event.data })}\n\n`,
  )

/** The channels asked for (`?channels=a,b`), the caller's own notifications by default. */
const requestedChannels = (req: PayloadRequest): string[] | null => {
  const raw = req.query?.channels
  const list = (Array.isArray(raw) ? raw.join(',') : typeof raw === 'string' ? raw : '')
    .split(',')
    .map((channel) => channel.trim())
    .filter(Boolean)
  if (!list.length) return [userChannel(req.user!.id as number)]
  if (list.length > MAX_CHANNELS || !list.every((channel) => CHANNEL_PATTERN.test(channel)))
    return null
  return [...new Set(list)]
}

/** The query string as `requestedChannels` and the replay read it. */
const StreamQuery = z.object({
  channels: z
    .array(z.string().regex(CHANNEL_PATTERN))
    .max(MAX_CHANNELS)
    .optional()
    .describe(
      'Channels like `private-thread-12`, repeated or comma-separated in one; your own notifications (`private-user-<your id>`) when left out.',
    ),
  lastEventId: z
    .string()
    .regex(EVENT_ID)
    .optional()
    .describe(
      'The last event id received, for clients that cannot set the `Last-Event-ID` header (which wins); any other value is ignored.',
    ),
})

/**
 * `GET /api/realtime/stream?channels=…` — Server-Sent Events for the embedded driver. Signed-in
 * callers only, and only channels they may hear. Sends what was missed after `Last-Event-ID`
 * (header, or `lastEventId` for clients that cannot set it) from the database, then live events,
 * with a comment every 20 seconds so proxies keep the connection open.
 */
export const realtimeStreamEndpoint: Endpoint = {
  path: '/realtime/stream',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return apiError(req, 401, 'UNAUTHORIZED', 'Sign in to receive live updates.')
    const driver = getRealtime(req.payload)
    if (!(driver instanceof PostgresRealtimeDriver)) {
      return apiError(req, 404, 'NOT_FOUND', 'Live updates come from Pusher on this server.')
    }
    // Shutting down: an answer that only says when to try again, which EventSource follows
    // (an error status would make it give up for good).
    if (driver.ending) return new Response(`retry: ${RECONNECT_AFTER_SHUTDOWN_MS}\n\n`, STREAM)
    const channels = requestedChannels(req)
    if (!channels) {
      return apiError(
        req,
        400,
        'INVALID_CHANNELS',
        `Ask for up to ${MAX_CHANNELS} channels named like private-thread-12.`,
      )
    }
    const { authorize } = realtimeConfig(req.payload)
    for (const channel of channels) {
      if (!(await authorize({ req, channel }))) {
        return apiError(req, 403, 'FORBIDDEN', `You cannot listen to ${channel}.`)
      }
    }
    const lastHeader =
      req.headers.get('last-event-id') ?? (req.query?.lastEventId as string | undefined) ?? ''
    const lastEventId = EVENT_ID.test(lastHeader) ? lastHeader : null
    await driver.start()

    let cleanup = () => {}
    const stream = new ReadableStream<Uint8Array>({
      start: async (controller) => {
        let sentUpTo = BigInt(lastEventId ?? 0)
        let replaying = true
        const buffered: RealtimeEvent[] = []
        const send = (event: RealtimeEvent) => {
          if (BigInt(event.id) <= sentUpTo) return
          sentUpTo = BigInt(event.id)
          try {
            controller.enqueue(frame(event))
          } catch {
            cleanup()
          }
        }
        const unsubscribe = driver.subscribe(
          channels,
          (event) => (replaying ? buffered.push(event) : send(event)),
          () => {
            // The server is going away: the browser reconnects soon, to another instance,
            // and the Last-Event-ID it resumes from loses nothing.
            cleanup()
            try {
              controller.enqueue(encoder.encode(`retry: ${RECONNECT_AFTER_SHUTDOWN_MS}\n\n`))
              controller.close()
            } catch {
              // Already closed by the client.
            }
          },
        )
        const heartbeat = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(': ping\n\n'))
          } catch {
            cleanup()
          }
        }, HEARTBEAT_MS)
        cleanup = () => {
          clearInterval(heartbeat)
          unsubscribe()
        }
        controller.enqueue(encoder.encode(`retry: 3000\n: connected to ${channels.join(',')}\n\n`))
        if (lastEventId) for (const event of await driver.replay(channels, lastEventId)) send(event)
        replaying = false
        for (const event of buffered.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id))))
          send(event)
      },
      cancel: () => cleanup(),
    })
    return new Response(stream, STREAM)
  },
  custom: {
    openapi: {
      summary: 'Stream live updates',
      description: [
        'Server-Sent Events, for servers that send live updates themselves (404 `NOT_FOUND` where they come from Pusher). Every event is `id`, `event` and `data`: JSON with the `channel` and ids only; read the documents with your own access.',
        'After a reconnect (`Last-Event-ID`), what was missed is sent first. A comment every 20 seconds keeps proxies from closing the connection. 400 `INVALID_CHANNELS` for more than 20 channels or a name not like `private-thread-12`; 403 `FORBIDDEN` for a channel the caller may not hear.',
      ].join('\n\n'),
      caller: 'signed-in',
      query: StreamQuery,
      response: {
        contentType: 'text/event-stream',
        description: 'An event stream that stays open until the client closes it.',
      },
    } satisfies Contract,
  },
}
