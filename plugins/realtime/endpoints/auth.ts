import type { Endpoint } from 'payload'

import { apiError, apiJson } from '@/lib/kit/response'

import { PusherRealtimeDriver } from '../drivers/pusher'
import { CHANNEL_PATTERN } from '../utilities/channels'
import { getRealtime, realtimeConfig } from '../utilities/runtime'

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
    if (!/^\d+\.\d+$/.test(socketId) || !CHANNEL_PATTERN.test(channel)) {
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
}
