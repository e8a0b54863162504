import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { guarded, jsonBody, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { type Contract, documented, documentOf, envelope } from '@/plugins/openapi'

import { moderateMessage, moderateVendor, QUEUES, queueCounts } from './moderation'
import { decideDocument } from './verification'

/**
 * The body a moderation decision reads (see `moderation` in `./moderation`), one shape per
 * choice: `field` names the choice, and `reasonField` is required (5 to 1,000 characters once
 * trimmed) for the choices whose reason is emailed to the person affected. `choices` has the
 * shape `moderation` takes, so a queue's own map can be passed as it is.
 */
export const decisionRequest = <C extends string>(options: {
  choices: Record<C, { needsReason: boolean }>
  /** @default 'action' */
  field?: 'action' | 'decision'
  /** @default 'reason' */
  reasonField?: string
  /** The decision refuses any other field. */
  strict?: boolean
}) => {
  const { field = 'action', reasonField = 'reason' } = options
  const shapes = (Object.keys(options.choices) as C[]).map((choice) => {
    const text = z.string().trim().max(1000)
    const shape = {
      [field]: z.literal(choice),
      [reasonField]: options.choices[choice].needsReason
        ? text.min(5).describe('Why: emailed to the person affected, and kept in the audit log.')
        : text.optional().describe('Optional notes, kept in the audit log.'),
    }
    return options.strict ? z.strictObject(shape) : z.object(shape)
  })
  const [first, ...rest] = shapes
  return rest.length ? z.union([first!, ...rest]) : first!
}

/**
 * `POST /api/<collection>/<path>`: a moderator's decision on the document named by `:id`.
 * `contract` describes it in the API reference; build its body with `decisionRequest`.
 */
export const decisionEndpoint = (
  path: string,
  noun: string,
  decide: (req: PayloadRequest, id: number, input: Record<string, unknown>) => Promise<unknown>,
  contract?: Contract,
): Endpoint => {
  const endpoint: Endpoint = {
    path,
    method: 'post',
    handler: guarded(async (req) =>
      apiJson(req, {
        success: true,
        data: await decide(req, routeId(req, noun), await jsonBody(req)),
      }),
    ),
  }
  return contract ? documented(contract, endpoint) : endpoint
}

/*
 * The choices below are the ones `decideDocument`, `moderateMessage` and `moderateVendor` are
 * built with; their modules keep them inline, so they are repeated here for the reference.
 */

/** `POST /api/verification-documents/:id/decide` — approve or reject, with notes. */
export const decideDocumentEndpoint = decisionEndpoint('/:id/decide', 'Document', decideDocument, {
  summary: 'Approve or reject a verification document',
  description:
    'Decides a pending document: `notes` are required to reject and are emailed to the vendor, whose Verified badge is worked out again. 409 ALREADY_DECIDED when the document is no longer pending; 409 EXPIRED when approving a certificate past its expiry date.',
  caller: 'staff',
  body: decisionRequest({
    field: 'decision',
    reasonField: 'notes',
    choices: { approve: { needsReason: false }, reject: { needsReason: true } },
  }),
  response: envelope(documentOf('verification-documents')),
  example: { decision: 'reject', notes: 'The certificate is for a different business name.' },
})

/** `POST /api/messages/:id/moderate` — clear or remove a flagged message. */
export const moderateMessageEndpoint = decisionEndpoint(
  '/:id/moderate',
  'Message',
  moderateMessage,
  {
    summary: 'Clear or remove a flagged message',
    description:
      '`clear` says the message is fine; `remove` takes it out of the conversation (its words kept in the audit log) and emails the sender the `reason`, which it requires. 409 ALREADY_DECIDED when the message was already dealt with.',
    caller: 'staff',
    body: decisionRequest({
      choices: { clear: { needsReason: false }, remove: { needsReason: true } },
    }),
    response: envelope(documentOf('messages')),
    example: {
      action: 'remove',
      reason: 'Sharing a phone number to take the booking off the site.',
    },
  },
)

/** `POST /api/vendors/:id/moderate` — approve or reject a new vendor profile. */
export const moderateVendorEndpoint = decisionEndpoint('/:id/moderate', 'Vendor', moderateVendor, {
  summary: 'Approve or reject a new vendor profile',
  description:
    '`approve` marks the profile as looked at; `reject` takes it off the site (status `inactive`) and emails the owner the `reason`, which it requires, so they can fix the profile and ask again. A `reason` given with `approve` is sent to them as notes.',
  caller: 'staff',
  body: decisionRequest({
    choices: { approve: { needsReason: false }, reject: { needsReason: true } },
  }),
  response: envelope(documentOf('vendors')),
  example: { action: 'approve' },
})

/** Each queue's name and how many items wait in it, as `queueCounts` answers. */
const QueueCounts = z.object(
  Object.fromEntries(
    Object.entries(QUEUES).map(([name, queue]) => [
      name,
      z.object({ label: z.string(), count: z.number().int().min(0) }).describe(queue.label),
    ]),
  ),
)

/** `GET /api/moderation/queues` — how many items wait in each moderation queue. */
export const moderationQueuesEndpoint: Endpoint = documented(
  {
    summary: 'Count the items in each moderation queue',
    description: 'Counted with the caller’s own access, so each count is what they can act on.',
    caller: 'staff',
    response: envelope(QueueCounts),
  },
  {
    path: '/moderation/queues',
    method: 'get',
    handler: guarded(async (req) => apiJson(req, { success: true, data: await queueCounts(req) })),
  },
)
