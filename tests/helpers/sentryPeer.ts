import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'

/** One item of an envelope: its header and its payload (parsed when it is JSON). */
export type EnvelopeItem = { header: { type: string; length?: number }; payload: unknown }
export type Envelope = { header: Record<string, unknown>; items: EnvelopeItem[]; raw: string }

export type SentryPeer = {
  /** The DSN to give the SDK: `http://<public key>@127.0.0.1:<port>/<project id>`. */
  dsn: string
  origin: string
  envelopes: Envelope[]
  /** Requests the peer refused, and why: a test expects none. */
  problems: string[]
  /** The error events received, from every envelope. */
  events: () => Record<string, any>[]
  close: () => Promise<void>
}

const PUBLIC_KEY = 'e2e0public0key0000000000000000ab'
const PROJECT_ID = '4242'

/** `Sentry sentry_key=…, sentry_version=7` (header) or the same as query parameters. */
const authOf = (req: http.IncomingMessage, url: URL): Record<string, string> => {
  const header = req.headers['x-sentry-auth']
  if (typeof header === 'string') {
    return Object.fromEntries(
      header
        .replace(/^Sentry\s+/, '')
        .split(',')
        .map((part) => part.trim().split('=') as [string, string]),
    )
  }
  return Object.fromEntries(url.searchParams)
}

const decode = (body: Buffer, encoding: string | undefined): Buffer => {
  if (encoding === 'gzip') return zlib.gunzipSync(body)
  if (encoding === 'deflate') return zlib.inflateSync(body)
  if (encoding === 'br') return zlib.brotliDecompressSync(body)
  return body
}

/**
 * An envelope as Sentry's documentation gives it: a header line of JSON, then items, each a
 * header line of JSON and a payload that is `length` bytes long when the header says so, or
 * else runs to the next newline.
 */
export const parseEnvelope = (body: Buffer): Envelope => {
  let offset = 0
  const line = () => {
    const end = body.indexOf(0x0a, offset)
    const text = body.subarray(offset, end === -1 ? body.length : end).toString('utf8')
    offset = end === -1 ? body.length : end + 1
    return text
  }
  const header = JSON.parse(line()) as Record<string, unknown>
  const items: EnvelopeItem[] = []
  while (offset < body.length) {
    const text = line()
    if (!text.trim()) continue
    const itemHeader = JSON.parse(text) as EnvelopeItem['header']
    if (typeof itemHeader.type !== 'string') throw new Error('an item header without a type')
    let payloadText: string
    if (typeof itemHeader.length === 'number') {
      payloadText = body.subarray(offset, offset + itemHeader.length).toString('utf8')
      offset += itemHeader.length
      if (body[offset] === 0x0a) offset += 1
    } else {
      payloadText = line()
    }
    let payload: unknown = payloadText
    try {
      payload = JSON.parse(payloadText)
    } catch {
      // An attachment or a replay recording: kept as text.
    }
    items.push({ header: itemHeader, payload })
  }
  return { header, items, raw: body.toString('utf8') }
}

/**
 * A Sentry ingest endpoint on 127.0.0.1 for one project: it takes envelopes at
 * `POST /api/<project>/envelope/` from the Node and browser SDKs (with CORS, as sentry.io answers
 * browsers), checks each request's authentication (the DSN's public key, protocol version 7)
 * and the envelope's framing and DSN, and keeps what arrived.
 */
export const startSentryPeer = async (): Promise<SentryPeer> => {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const dsn = `http://${PUBLIC_KEY}@127.0.0.1:${port}/${PROJECT_ID}`
  const peer: SentryPeer = {
    dsn,
    origin,
    envelopes: [],
    problems: [],
    events: () =>
      peer.envelopes.flatMap((envelope) =>
        envelope.items
          .filter((item) => item.header.type === 'event')
          .map((item) => item.payload as Record<string, any>),
      ),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'content-type, x-sentry-auth',
    'Access-Control-Allow-Methods': 'POST',
  }
  server.on('request', (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin)
      const refuse = (status: number, problem: string) => {
        peer.problems.push(`${req.method} ${url.pathname}: ${problem}`)
        res.writeHead(status, { ...cors, 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ detail: problem }))
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(200, cors).end()
        return
      }
      if (req.method !== 'POST' || url.pathname !== `/api/${PROJECT_ID}/envelope/`)
        return refuse(404, 'not an envelope endpoint of this project')
      const auth = authOf(req, url)
      if (auth.sentry_key !== PUBLIC_KEY) return refuse(401, 'unknown public key')
      if (auth.sentry_version !== '7') return refuse(400, 'protocol version is not 7')
      let envelope: Envelope
      try {
        envelope = parseEnvelope(decode(Buffer.concat(chunks), req.headers['content-encoding']))
      } catch (error) {
        return refuse(400, `malformed envelope: ${(error as Error).message}`)
      }
      if (envelope.header.dsn !== undefined && envelope.header.dsn !== dsn)
        return refuse(400, `envelope for another DSN: ${String(envelope.header.dsn)}`)
      peer.envelopes.push(envelope)
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ id: envelope.header.event_id ?? null }))
    })
  })
  return peer
}
