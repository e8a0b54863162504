import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { SanitizedConfig } from 'payload'

import { decodeSegment, routeHandlers } from './rest'

export type ApiServer = { url: string; close: () => Promise<void> }

/**
 * The route handlers `src/app/(payload)/api` exports behind a real HTTP port, for clients
 * that only speak HTTP themselves (pusher-js asking `POST /api/realtime/auth`).
 */
export const startApiServer = async (config: SanitizedConfig): Promise<ApiServer> => {
  const handlers = routeHandlers(config)
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      void (async () => {
        const method = (req.method ?? 'GET') as 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'
        const url = new URL(req.url ?? '/', 'http://localhost:3000')
        const handler = handlers[method]
        if (!handler || !url.pathname.startsWith('/api/')) {
          res.writeHead(404).end()
          return
        }
        const headers = new Headers()
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string') headers.set(name, value)
        }
        const body = chunks.length && method !== 'GET' ? Buffer.concat(chunks) : undefined
        const slug = url.pathname
          .slice('/api/'.length)
          .split('/')
          .filter(Boolean)
          .map(decodeSegment)
        const response = await handler(new Request(url, { method, headers, body }), {
          params: Promise.resolve({ slug }),
        })
        res.writeHead(response.status, Object.fromEntries(response.headers))
        res.end(Buffer.from(await response.arrayBuffer()))
      })().catch(() => res.writeHead(500).end())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
