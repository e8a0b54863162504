import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH } from '@/lib/messaging/rules'
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
import { documented, documentOf, envelope } from '@/plugins/openapi'

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

const messageText = z.string().trim().max(MAX_MESSAGE_LENGTH)

const attachmentIds = z
  .array(z.number().int())
  .max(MAX_ATTACHMENTS)
  .describe('Ids of files you uploaded to this conversation (`message-attachments`).')

/** A message as `messageFields` reads it: text, files, or both, but not neither. */
export const MessageRequest = z.strictObject({
  body: messageText
    .optional()
    .describe(
      'Plain text, required unless files are attached; phone numbers and email addresses are hidden from the other side.',
    ),
  attachments: attachmentIds.optional(),
})

/** `startThread`'s body: who to talk to, and an optional first message. */
export const ThreadRequest = MessageRequest.extend({
  vendor: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Organizers: the vendor to message (required for them).'),
  job: z
    .number()
    .int()
    .optional()
    .describe(
      'Vendors: a job they quoted on, whose organizer they message (required for them). Organizers may name the job the conversation is about.',
    ),
})

/** `changeMessage` reads only the new text; other fields are ignored. */
export const MessageChangeRequest = z.object({
  body: messageText.min(1).describe('The new text.'),
})

const MessagesPage = z.object({
  thread: documentOf('threads'),
  messages: z.array(documentOf('messages')).describe('Oldest first.'),
  hasMore: z.boolean().describe('More messages beyond this page in the direction read.'),
})

const messageId = (what: string) => z.coerce.number().int().min(1).optional().describe(what)

/**
 * The seed's messaging API under `/api/messages`. Declared before Payload's own `/:id` routes,
 * which they replace: messages are written through these only.
 */
export const messageEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'List your conversations',
      description:
        'The 100 most recent conversations you are in, newest message first, each with `unread`: how many messages you have not read.',
      caller: 'signed-in',
      response: envelope(z.array(documentOf('threads', { unread: z.number().int().nullable() }))),
    },
    {
      path: '/threads',
      method: 'get',
      handler: guarded(async (req) => ok(req, await listThreads(req))),
    },
  ),
  documented(
    {
      summary: 'Start a conversation',
      description:
        'An organizer names a vendor; a vendor names a job they quoted on and talks to its organizer. An existing conversation between the two is reopened rather than duplicated. With `body` or `attachments`, the first message is sent too (`message`, otherwise null). 403 `FORBIDDEN` for a vendor who has not quoted on the job, or an account that is neither organizer nor vendor.',
      caller: 'signed-in',
      body: ThreadRequest,
      response: envelope(
        z.object({ thread: documentOf('threads'), message: documentOf('messages').nullable() }),
      ),
      status: 201,
      example: { vendor: 12, body: 'Hi! Are you free on 14 March for a wedding in Napier?' },
    },
    {
      path: '/threads',
      method: 'post',
      handler: guarded(async (req) => ok(req, await startThread(req, await jsonBody(req)), 201)),
    },
  ),
  documented(
    {
      summary: 'Read a conversation',
      description: 'A conversation you are not in is 404, like one that does not exist.',
      caller: 'signed-in',
      response: envelope(documentOf('threads')),
    },
    {
      path: '/threads/:id',
      method: 'get',
      handler: guarded(async (req) => {
        signedIn(req)
        return ok(req, await readThread(req, routeId(req, 'Conversation')))
      }),
    },
  ),
  documented(
    {
      summary: 'Mark a conversation read',
      description:
        'Every message you received in it is marked read, your unread count goes to zero and the sender sees "seen". No body.',
      caller: 'signed-in',
      response: envelope(documentOf('threads')),
    },
    {
      path: '/threads/:id',
      method: 'put',
      handler: guarded(async (req) =>
        ok(req, await markThreadRead(req, routeId(req, 'Conversation'))),
      ),
    },
  ),
  documented(
    {
      summary: "List a conversation's messages",
      description:
        'Oldest first: the newest page by default, older ones with `before`, or those after a message you have (catching up) with `after`.',
      caller: 'signed-in',
      query: z.object({
        after: messageId('Only messages after this message id.'),
        before: messageId('Only messages before this message id.'),
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .optional()
          .describe('How many messages (default 50; at most 100 are sent).'),
      }),
      response: envelope(MessagesPage),
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
  ),
  documented(
    {
      summary: 'Send a message',
      description: [
        'For the two people in the conversation; contact details are hidden from the other side until they book. 403 `FORBIDDEN` for anyone else; 429 past the hourly message allowance.',
        '**Retrying safely.** Send an `Idempotency-Key` header (8–100 letters, digits or `._:-`, unique per message). A repeat with the same key, after an answer that never arrived, posts nothing: it answers 200 with the message the first send made and the header `Idempotent-Replayed: true`. A key already used in another conversation is 409 `IDEMPOTENCY_KEY_REUSED`; a malformed key is 400.',
      ].join('\n\n'),
      caller: 'signed-in',
      body: MessageRequest,
      response: envelope(documentOf('messages')),
      status: 201,
      alsoAnswers: { 200: 'A replay of an earlier send with the same `Idempotency-Key`.' },
      example: { body: 'Thanks, that works for us.' },
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
  ),
  documented(
    {
      summary: 'Mark a message read',
      description:
        'Marks the conversation read up to now (as `PUT /api/messages/threads/{id}`) and answers with it. 409 `OWN_MESSAGE` for a message you wrote.',
      caller: 'signed-in',
      response: envelope(documentOf('threads')),
    },
    {
      path: '/:id/read',
      method: 'post',
      handler: guarded(async (req) => ok(req, await markMessageRead(req, routeId(req, 'Message')))),
    },
  ),
  documented(
    {
      summary: 'Edit a message',
      description:
        'The sender fixes the text within 15 minutes of sending it. 403 for anyone else; 409 `EDIT_WINDOW_PASSED` after that, `DELETED` for a message taken back.',
      caller: 'signed-in',
      body: MessageChangeRequest,
      response: envelope(documentOf('messages')),
      example: { body: 'Thanks, that works for us: see you at 3pm.' },
    },
    {
      path: '/:id',
      method: 'put',
      handler: guarded(async (req) =>
        ok(req, await changeMessage(req, routeId(req, 'Message'), await jsonBody(req))),
      ),
    },
  ),
  documented(
    {
      summary: 'Take back a message',
      description:
        'The sender removes the text and files within 15 minutes of sending it; the message stays, marked deleted. 403 for anyone else; 409 `EDIT_WINDOW_PASSED` after that, `DELETED` when already taken back.',
      caller: 'signed-in',
      response: envelope(documentOf('messages')),
    },
    {
      path: '/:id',
      method: 'delete',
      handler: guarded(async (req) =>
        ok(req, await changeMessage(req, routeId(req, 'Message'), null)),
      ),
    },
  ),
]
