import { headersWithCors, type Endpoint, type Payload, type PayloadHandler } from 'payload'

import { parseSerialId } from '@/lib/kit/ids'

import { checkBodyShape } from '../hooks/checkBodyShape'
import { checkQueries } from '../hooks/checkQueries'

/** The error format, as every refusal here answers. */
const answer = (
  req: Parameters<PayloadHandler>[0],
  status: number,
  code: string,
  message: string,
) =>
  Response.json(
    { success: false, error: { code, message }, errors: [{ message }] },
    { status, headers: headersWithCors({ headers: new Headers(), req }) },
  )

/** Routes whose `:id` is not a document's: Payload names the email-confirmation token so. */
const NOT_DOCUMENT_IDS = new Set(['/verify/:id'])

/** A handler that answers 404 for an `:id` the collection's serial ids cannot be. */
const withSerialId =
  (handler: PayloadHandler): PayloadHandler =>
  (req) => {
    const id = req.routeParams?.id
    if (id !== undefined && parseSerialId(id) === null)
      return answer(req, 404, 'NOT_FOUND', 'There is no such document.')
    return handler(req)
  }

/**
 * `DELETE /api/payload-preferences/:key`, which Payload's own handler cannot run on PostgreSQL
 * (its query on the polymorphic `user` joins a table it never names, a 500 for everyone).
 * The same operation: the signed-in person's preference with that key, or a 404.
 */
const deleteOwnPreference: PayloadHandler = async (req) => {
  if (!req.user) return answer(req, 401, 'UNAUTHORIZED', 'Sign in first.')
  const key = req.routeParams?.key
  // System read and delete: the where names the caller's own preference, nobody else's.
  const { docs } = await req.payload.find({
    collection: 'payload-preferences',
    where: {
      and: [
        { key: { equals: key } },
        { 'user.value': { equals: req.user.id } },
        { 'user.relationTo': { equals: req.user.collection } },
      ],
    },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const preference = docs[0]
  if (!preference) return answer(req, 404, 'NOT_FOUND', 'There is no such preference.')
  await req.payload.delete({
    collection: 'payload-preferences',
    id: preference.id,
    overrideAccess: true,
    req,
  })
  return Response.json({ ...preference, message: req.t('general:deletedSuccessfully') })
}

/**
 * Payload adds its own collections (preferences, locked documents, jobs, key–value) and every
 * collection's default endpoints after plugins run, so the checks are put on them here, once
 * the config is complete: every `:id` route of a collection with serial ids answers 404 for an
 * id that cannot exist (before Payload's handler parses `1.5` or `2147483648` into a query),
 * collections without versions lose the `/versions` routes that would only fail, deleting a
 * preference works, and Payload's own collections get the same query and body checks as ours.
 */
export const guardPayloadEndpoints = (payload: Payload) => {
  for (const collection of Object.values(payload.collections)) {
    const { config } = collection
    if (!Array.isArray(config.endpoints)) continue
    const serialIds = payload.db.defaultIDType === 'number' && collection.customIDType === undefined
    config.endpoints = config.endpoints
      .filter((endpoint: Endpoint) => config.versions || !endpoint.path.startsWith('/versions'))
      .map((endpoint: Endpoint) => {
        if (
          config.slug === 'payload-preferences' &&
          endpoint.method === 'delete' &&
          endpoint.path === '/:key'
        )
          return { ...endpoint, handler: deleteOwnPreference }
        return serialIds && /:id\b/.test(endpoint.path) && !NOT_DOCUMENT_IDS.has(endpoint.path)
          ? { ...endpoint, handler: withSerialId(endpoint.handler) }
          : endpoint
      })
    const hooks = config.hooks.beforeOperation
    if (!hooks.includes(checkQueries)) hooks.push(checkQueries, checkBodyShape)
  }
}
