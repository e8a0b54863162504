import type { Endpoint, PayloadRequest } from 'payload'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import {
  changeMessage,
  listMessages,
  listThreads,
  markMessageRead,
  markThreadRead,
  readThread,
  idempotencyKey,
  sendMessage,
  startThread,
} from '@/lib/messaging/service'

const ok = (req: PayloadRequest, data: unknown, status = 200) =>
  apiJson(req, { success: true, data }, { status })

const signedIn = (req: PayloadRequest) => {
  if (!req.user) throw new RequestError(401, 'UNAUTHORIZED', 'Sign in to send and read messages.')
}

/** A positive whole-number query parameter, or undefined; anything else is a 400 naming it. */
const idParam = (req: PayloadRequest, name: string): number | undefined => {
  const raw = req.query?.[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) {
    throw new RequestError(400, 'INVALID_INPUT', `${name} must be a message id.`, [
      { field: name, message: 'must be a message id' },
    ])
  }
  return value
}

/**
 * The seed's messaging API under `/api/messages`. Declared before Payload's own `/:id` routes,
 * which they replace: messages are written through these only.
 */
export const messageEndpoints: Endpoint[] = [
  {
    path: '/threads',
    method: 'get',
    handler: guarded(async (req) => ok(req, await listThreads(req))),
  },
  {
    path: '/threads',
    method: 'post',
    handler: guarded(async (req) => ok(req, await startThread(req, await jsonBody(req)), 201)),
  },
  {
    path: '/threads/:id',
    method: 'get',
    handler: guarded(async (req) => {
      signedIn(req)
      return ok(req, await readThread(req, routeId(req, 'Conversation')))
    }),
  },
  {
    path: '/threads/:id',
    method: 'put',
    handler: guarded(async (req) =>
      ok(req, await markThreadRead(req, routeId(req, 'Conversation'))),
    ),
  },
  {
    path: '/threads/:id/messages',
    method: 'get',
    handler: guarded(async (req) => {
      const limit = idParam(req, 'limit')
      return ok(
        req,
        await listMessages(req, routeId(req, 'Conversation'), {
          after: idParam(req, 'after'),
          before: idParam(req, 'before'),
          limit,
        }),
      )
    }),
  },
  {
    path: '/threads/:id/messages',
    method: 'post',
    handler: guarded(async (req) => {
      const { message, replayed } = await sendMessage(
        req,
        routeId(req, 'Conversation'),
        await jsonBody(req),
        idempotencyKey(req),
      )
      // A replayed send answers as the first one would have, and says it was a replay.
      return replayed
        ? apiJson(
            req,
            { success: true, data: message },
            { headers: { 'Idempotent-Replayed': 'true' } },
          )
        : ok(req, message, 201)
    }),
  },
  {
    path: '/:id/read',
    method: 'post',
    handler: guarded(async (req) => ok(req, await markMessageRead(req, routeId(req, 'Message')))),
  },
  {
    path: '/:id',
    method: 'put',
    handler: guarded(async (req) =>
      ok(req, await changeMessage(req, routeId(req, 'Message'), await jsonBody(req))),
    ),
  },
  {
    path: '/:id',
    method: 'delete',
    handler: guarded(async (req) =>
      ok(req, await changeMessage(req, routeId(req, 'Message'), null)),
    ),
  },
]
