import { createHash, createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local HTTP peer for Pusher Channels' HTTP API (POST /apps/{app_id}/events). It checks each
 * request the way Pusher's documentation describes authentication: auth_key, auth_timestamp,
 * auth_version=1.0, body_md5 of the body, and auth_signature = HMAC-SHA256 with the secret of
 * "POST\n<path>\n<query without auth_signature, keys sorted>". A request that fails any check
 * is answered 401 and recorded as refused.
 */
export type PusherPeer = {
  url: string
  port: number
  appId: string
  key: string
  secret: string
  events: { name: string; channels: string[]; data: unknown }[]
  refused: string[]
  close: () => Promise<void>
}

export const startPusherPeer = async (): Promise<PusherPeer> => {
  const appId = '424242'
  const key = 'peer-key'
  const secret = 'peer-secret'
  const events: PusherPeer['events'] = []
  const refused: string[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://peer')
      const refuse = (why: string) => {
        refused.push(why)
        res.writeHead(401, { 'Content-Type': 'text/plain' }).end(why)
      }
      if (req.method !== 'POST' || url.pathname !== `/apps/${appId}/events`)
        return refuse(`unexpected ${req.method} ${url.pathname}`)
      const params = Object.fromEntries(url.searchParams)
      if (params.auth_key !== key) return refuse('wrong auth_key')
      if (params.auth_version !== '1.0') return refuse('auth_version must be 1.0')
      if (Math.abs(Date.now() / 1000 - Number(params.auth_timestamp)) > 600)
        return refuse('stale auth_timestamp')
      if (params.body_md5 !== createHash('md5').update(body).digest('hex'))
        return refuse('body_md5 does not match')
      const signed = Object.keys(params)
        .filter((name) => name !== 'auth_signature')
        .sort()
        .map((name) => `${name}=${params[name]}`)
        .join('&')
      const expected = createHmac('sha256', secret)
        .update(`POST\n${url.pathname}\n${signed}`)
        .digest('hex')
      if (params.auth_signature !== expected) return refuse('auth_signature does not match')
      const event = JSON.parse(body) as {
        name: string
        channels?: string[]
        channel?: string
        data: string
      }
      events.push({
        name: event.name,
        channels: event.channels ?? [event.channel!],
        data: JSON.parse(event.data),
      })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
