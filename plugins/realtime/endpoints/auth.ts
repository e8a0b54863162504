import type { Endpoint } from 'payload'
import { z } from 'zod'

import { apiError, apiJson } from '@/lib/kit/response'

import { PusherRealtimeDriver } from '../drivers/pusher'
import { CHANNEL_PATTERN } from '../utilities/channels'
import { getRealtime, realtimeConfig } from '../utilities/runtime'
import type { Contract } from './contract'

/** A Pusher connection's socket id, as pusher-js sends it. */
const SOCKET_ID = /^\d+\.\d+$/

/**
 * What the handler reads, form-encoded (as pusher-js sends it) or as JSON: the fields are
 * checked by hand after `readBody`.
 */
export const PusherAuthRequest = z.object({
  socket_id: z.string().regex(SOCKET_ID).describe('The Pusher connection, like `1234.5678`.'),
  channel_name: z
    .string()
    .regex(CHANNEL_PATTERN)
    .describe('A private channel, like `private-thread-12` or `private-user-7`.'),
})

/** pusher-js posts `socket_id` and `channel_name` form-encoded; integrators may send JSON. */
const readBody = async (request: Request): Promise<Record<string, string>> => {
  const type = request.headers.get('content-type') ?? ''
  const text = await request.text()
  if (type.includes('application/json')) {
    const parsed = JSON.parse(text) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
  }
  return Object.fromEntries(new URLSearchParams(text))
}

/**
 * `POST /api/realtime/auth` — signs a private channel subscription for Pusher, for a signed-in
 * participant only, answering Pusher's documented `{ "auth": "<key>:<signature>" }`.
 */
export const realtimeAuthEndpoint: Endpoint = {
  path: '/realtime/auth',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return apiError(req, 401, 'UNAUTHORIZED', 'Sign in to receive live updates.')
    const driver = getRealtime(req.payload)
    if (!(driver instanceof PusherRealtimeDriver)) {
      return apiError(
        req,
        404,
        'NOT_FOUND',
        'This server sends live updates over /api/realtime/stream.',
      )
    }
    let body: Record<string, string>
    try {
      body = await readBody(req as unknown as Request)
    } catch {
      return apiError(req, 400, 'INVALID_JSON', 'The request body is not valid JSON.')
    }
    const socketId = String(body.socket_id ?? '')
    const channel = String(body.channel_name ?? '')
    if (!SOCKET_ID.test(socketId) || !CHANNEL_PATTERN.test(channel)) {
      return apiError(
        req,
        400,
        'INVALID_INPUT',
        'Send socket_id (like 1234.5678) and channel_name (like private-thread-12).',
      )
    }
    if (!(await realtimeConfig(req.payload).authorize({ req, channel }))) {
      return apiError(req, 403, 'FORBIDDEN', `You cannot listen to ${channel}.`)
    }
    return apiJson(req, driver.authorize(socketId, channel))
  },
  custom: {
    openapi: {
      summary: 'Authorize a Pusher channel',
      description: [
        "Pusher's channel authorization endpoint, for servers that send live updates through Pusher (404 `NOT_FOUND` on a server that streams them from `GET /api/realtime/stream`).",
        "pusher-js posts the body form-encoded (`application/x-www-form-urlencoded`); JSON is read too. 403 `FORBIDDEN` for a channel the caller may not hear (a thread they are not part of, another user's notifications).",
      ].join('\n\n'),
      caller: 'signed-in',
      body: PusherAuthRequest,
      response: z.object({
        auth: z.string().describe('`<key>:<signature>`, as Pusher documents it.'),
      }),
      example: { socket_id: '1234.5678', channel_name: 'private-thread-12' },
    } satisfies Contract,
  },
}
