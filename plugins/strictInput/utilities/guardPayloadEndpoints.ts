import { headersWithCors, type Endpoint, type Payload, type PayloadHandler } from 'payload'

import { checkBodyShape } from '../hooks/checkBodyShape'
import { checkQueries } from '../hooks/checkQueries'
import { parseSerialId } from './ids'

const notFound = (req: Parameters<PayloadHandler>[0]) =>
  Response.json(
    {
      success: false,
      error: { code: 'NOT_FOUND', message: 'There is no such document.' },
      errors: [{ message: 'There is no such document.' }],
    },
    { status: 404, headers: headersWithCors({ headers: new Headers(), req }) },
  )

/** A handler that answers 404 for an `:id` the collection's serial ids cannot be. */
const withSerialId =
  (handler: PayloadHandler): PayloadHandler =>
  (req) => {
    const id = req.routeParams?.id
    if (id !== undefined && parseSerialId(id) === null) return notFound(req)
    return handler(req)
  }

/**
 * Payload adds its own collections (preferences, locked documents, jobs, key–value) and every
 * collection's default endpoints after plugins run, so the checks are put on them here, once
 * the config is complete: every `:id` route of a collection with serial ids answers 404 for an
 * id that cannot exist (before Payload's handler parses `1.5` or `2147483648` into a query),
 * collections without versions lose the `/versions` routes that would only fail, and Payload's
 * own collections get the same query and body checks as ours.
 */
export const guardPayloadEndpoints = (payload: Payload) => {
  for (const collection of Object.values(payload.collections)) {
    const { config } = collection
    if (!Array.isArray(config.endpoints)) continue
    const serialIds = payload.db.defaultIDType === 'number' && collection.customIDType === undefined
    config.endpoints = config.endpoints
      .filter((endpoint: Endpoint) => config.versions || !endpoint.path.startsWith('/versions'))
      .map((endpoint: Endpoint) =>
        serialIds && /:id\b/.test(endpoint.path)
          ? { ...endpoint, handler: withSerialId(endpoint.handler) }
          : endpoint,
      )
    const hooks = config.hooks.beforeOperation
    if (!hooks.includes(checkQueries)) hooks.push(checkQueries, checkBodyShape)
  }
}
