import type { Endpoint, Payload, PayloadHandler } from 'payload'

import { fileNotFound } from './notFound'
import { safeFileName } from './safeFileName'

/**
 * Payload serves `/api/<collection>/file/:filename` by resolving the name inside the
 * collection's folder, after looking the name (and a `prefix`) up for access. A name that
 * could leave the folder (`verification%2Fx.pdf`, `%2e%2e`, `.%2F…`, double encodings) or a
 * `prefix` the collection has no field for is a 404 here, before Payload reads or queries it.
 * Its file routes are added after plugins run, so they are wrapped once Payload starts.
 */
export const guardFileRoutes = (payload: Payload) => {
  for (const { config } of Object.values(payload.collections)) {
    if (!config.upload || !Array.isArray(config.endpoints)) continue
    const takesPrefix = config.flattenedFields.some((field) => field.name === 'prefix')
    config.endpoints = config.endpoints.map((endpoint: Endpoint) => {
      if (endpoint.method !== 'get' || !endpoint.path.includes(':filename')) return endpoint
      const handler: PayloadHandler = (req) => {
        const requested = req.routeParams?.filename
        const name = typeof requested === 'string' ? safeFileName(requested) : null
        const prefix = req.searchParams?.get('prefix')
        if (!name || name !== requested || (prefix !== null && !takesPrefix)) {
          return fileNotFound(req)
        }
        return endpoint.handler(req)
      }
      return { ...endpoint, handler }
    })
  }
}
