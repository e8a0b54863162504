import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { type WebSocket, WebSocketServer } from 'ws'

/*
 * A local peer for Pusher Channels on one port, as Soketi serves both: the HTTP API that the
 * `pusher` library triggers events on, and the WebSocket side that `pusher-js` connects to.
 *
 * Reproduced, as Pusher's documentation describes them:
 * - HTTP API `POST /apps/{app_id}/events`: auth_key, auth_timestamp within 600 s,
 *   auth_version=1.0, body_md5 of the body, and auth_signature = HMAC-SHA256 with the secret
 *   of "POST\n<path>\n<query without auth_signature, keys sorted>" — else 401; `data` must be a
 *   string of at most 10 KB — else 413 ("Request Entity Too Large"); `name` required and at most
 *   200 characters, `channel` or `channels` (at most 100) — else 400; `socket_id` excludes that
 *   connection from delivery.
 * - HTTP API `GET /apps/{app_id}/channels` (signed the same way, without body_md5): the occupied
 *   channels as `{ "channels": { "<name>": {} } }`, `filter_by_prefix` honoured.
 * - WebSocket `/app/{key}?protocol=7&client=…&version=…`: an unknown key is answered with
 *   `pusher:error` code 4001 and closed with 4001, a protocol other than 7 with 4007; then
 *   `pusher:connection_established` with data `{"socket_id":"<n>.<n>","activity_timeout":120}`
 *   as a JSON string; `pusher:ping` is answered `pusher:pong`; `pusher:subscribe` to a public
 *   channel, or to a `private-` channel whose `auth` is `<key>:<HMAC-SHA256(secret,
 *   "<socket_id>:<channel>")>`, is answered `pusher_internal:subscription_succeeded`, and a wrong
 *   or missing signature with `pusher:error` (code null, "Invalid signature: …"), leaving the
 *   connection open; `pusher:unsubscribe`; events triggered over the HTTP API reach every
 *   subscribed connection as `{ event, channel, data }` with data as the string triggered.
 *
 * Not reproduced: presence and encrypted channels (subscribing answers `pusher:error`), client
 * events (`client-*`, answered `pusher:error` as an app without them enabled would be), user
 * sign-in (`pusher:signin`), the server's own pings and 4201 on a missed pong, webhooks,
 * `batch_events`, the other channel queries and `info` attributes, `info` on triggers, cache channels,
 * message quotas (403) and rate limits, TLS, and clusters (one app, one host).
 */
export type PusherPeer = {
  url: string
  port: number
  appId: string
  key: string
  secret: string
  events: { name: string; channels: string[]; data: unknown }[]
  /** Why each refused HTTP request or subscription was refused. */
  refused: string[]
  /** Channels with at least one subscribed connection. */
  subscribedChannels: () => string[]
  close: () => Promise<void>
}

/** The documented limit on an event's `data`. */
export const PUSHER_DATA_LIMIT_BYTES = 10 * 1024

type Frame = { event?: unknown; channel?: unknown; data?: unknown }

export const startPusherPeer = async (): Promise<PusherPeer> => {
  const appId = '424242'
  const key = 'peer-key'
  const secret = 'peer-secret'
  const events: PusherPeer['events'] = []
  const refused: string[] = []
  const sockets = new Map<WebSocket, { socketId: string; channels: Set<string> }>()

  const deliver = (name: string, channels: string[], data: string, except?: string) => {
    for (const [socket, { socketId, channels: subscribed }] of sockets) {
      if (socketId === except) continue
      for (const channel of channels) {
        if (subscribed.has(channel)) socket.send(JSON.stringify({ event: name, channel, data }))
      }
    }
  }

  const subscribedChannels = () => [
    ...new Set([...sockets.values()].flatMap(({ channels }) => [...channels])),
  ]

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://peer')
      const answer = (status: number, why: string) => {
        refused.push(why)
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(why)
      }
      const listing = req.method === 'GET' && url.pathname === `/apps/${appId}/channels`
      if (!listing && (req.method !== 'POST' || url.pathname !== `/apps/${appId}/events`))
        return answer(404, `unexpected ${req.method} ${url.pathname}`)
      const params = Object.fromEntries(url.searchParams)
      if (params.auth_key !== key) return answer(401, 'wrong auth_key')
      if (params.auth_version !== '1.0') return answer(401, 'auth_version must be 1.0')
      if (Math.abs(Date.now() / 1000 - Number(params.auth_timestamp)) > 600)
        return answer(401, 'stale auth_timestamp')
      // A GET has no body, and so no body_md5.
      if (!listing && params.body_md5 !== createHash('md5').update(body).digest('hex'))
        return answer(401, 'body_md5 does not match')
      const signed = Object.keys(params)
        .filter((name) => name !== 'auth_signature')
        .sort()
        .map((name) => `${name}=${params[name]}`)
        .join('&')
      const expected = createHmac('sha256', secret)
        .update(`${req.method}\n${url.pathname}\n${signed}`)
        .digest('hex')
      if (params.auth_signature !== expected) return answer(401, 'auth_signature does not match')
      if (listing) {
        const prefix = params.filter_by_prefix ?? ''
        const occupied = subscribedChannels().filter((channel) => channel.startsWith(prefix))
        return res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ channels: Object.fromEntries(occupied.map((name) => [name, {}])) }))
      }
      let event: {
        name?: unknown
        channels?: unknown
        channel?: unknown
        data?: unknown
        socket_id?: unknown
      }
      try {
        event = JSON.parse(body) as typeof event
      } catch {
        return answer(400, 'the body is not JSON')
      }
      const channels = event.channels ?? (event.channel === undefined ? [] : [event.channel])
      if (typeof event.name !== 'string' || !event.name || event.name.length > 200)
        return answer(400, 'name must be a string of at most 200 characters')
      if (
        !Array.isArray(channels) ||
        channels.length === 0 ||
        channels.length > 100 ||
        !channels.every(
          (channel) => typeof channel === 'string' && /^[-\w=@,.;]{1,200}$/.test(channel),
        )
      )
        return answer(400, 'channels must be 1 to 100 valid channel names')
      if (typeof event.data !== 'string') return answer(400, 'data must be a string')
      if (Buffer.byteLength(event.data) > PUSHER_DATA_LIMIT_BYTES)
        return answer(413, 'Request Entity Too Large: data is larger than 10 KB')
      events.push({ name: event.name, channels, data: JSON.parse(event.data) })
      deliver(
        event.name,
        channels,
        event.data,
        typeof event.socket_id === 'string' ? event.socket_id : undefined,
      )
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
    })
  })

  const wss = new WebSocketServer({ noServer: true })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://peer')
    const match = /^\/app\/([^/]+)$/.exec(url.pathname)
    if (!match) return socket.destroy()
    wss.handleUpgrade(req, socket, head, (ws) => {
      const send = (frame: Record<string, unknown>) => ws.send(JSON.stringify(frame))
      const fail = (code: number, message: string) => {
        send({ event: 'pusher:error', data: { code, message } })
        ws.close(code, message)
      }
      if (match[1] !== key) return fail(4001, `App key ${match[1]} not in this cluster`)
      if (url.searchParams.get('protocol') !== '7')
        return fail(4007, 'Unsupported protocol version')
      const socketId = `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`
      const channels = new Set<string>()
      sockets.set(ws, { socketId, channels })
      ws.on('close', () => sockets.delete(ws))
      const refuse = (channel: string, message: string) => {
        refused.push(`${channel}: ${message}`)
        send({ event: 'pusher:error', data: { code: null, message } })
      }
      ws.on('message', (raw) => {
        let frame: Frame
        try {
          frame = JSON.parse(String(raw)) as Frame
        } catch {
          return send({ event: 'pusher:error', data: { code: null, message: 'Invalid JSON' } })
        }
        const data = (frame.data ?? {}) as { channel?: unknown; auth?: unknown }
        const channel = typeof data.channel === 'string' ? data.channel : ''
        switch (frame.event) {
          case 'pusher:ping':
            return send({ event: 'pusher:pong', data: {} })
          case 'pusher:subscribe': {
            if (/^(presence-|private-encrypted-)/.test(channel))
              return refuse(channel, `This peer does not serve ${channel}`)
            if (channel.startsWith('private-')) {
              const signature = createHmac('sha256', secret)
                .update(`${socketId}:${channel}`)
                .digest('hex')
              const expected = Buffer.from(`${key}:${signature}`)
              const given = Buffer.from(typeof data.auth === 'string' ? data.auth : '')
              if (given.length !== expected.length || !timingSafeEqual(given, expected))
                return refuse(
                  channel,
                  `Invalid signature: Expected HMAC SHA256 hex digest of ${socketId}:${channel}, but got ${String(data.auth)}`,
                )
            }
            channels.add(channel)
            return send({ event: 'pusher_internal:subscription_succeeded', channel, data: '{}' })
          }
          case 'pusher:unsubscribe':
            channels.delete(channel)
            return
          default:
            if (typeof frame.event === 'string' && frame.event.startsWith('client-'))
              return send({
                event: 'pusher:error',
                data: { code: null, message: 'Client events are not enabled for this app' },
              })
        }
      })
      send({
        event: 'pusher:connection_established',
        data: JSON.stringify({ socket_id: socketId, activity_timeout: 120 }),
      })
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    appId,
    key,
    secret,
    events,
    refused,
    subscribedChannels,
    close: async () => {
      for (const ws of sockets.keys()) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
