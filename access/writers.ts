import type { Access, FieldAccess, PayloadRequest, RequestContext } from 'payload'

/**
 * Some documents are written only by one part of the app, which checks its own rules first
 * (the state machine checks the transition, messaging who may talk to whom, trust the booking
 * and the review window). That part marks its Local API calls with its key in `req.context`,
 * which no REST or GraphQL request can set, and the access rules below ask for the mark.
 */
export const WRITERS = {
  /** `src/lib/marketplace/transitions.ts`: status changes, history and bookings. */
  stateMachine: 'stateMachine',
  /** `POST /api/jobs/:id/apply`, the one way to send a quote; carries the quote's parties. */
  quoting: 'applyToJob',
  /** `src/lib/marketplace/invitations.ts`: invitations to quote; carries what it writes. */
  inviting: 'inviting',
  /** `src/lib/messaging/service.ts`: threads and messages. */
  messaging: 'messaging',
  /** `src/lib/calendar/*`: a vendor's subscribed calendars and their private feed. */
  calendar: 'calendar',
  /** `src/lib/trust/*`: reviews, responses and moderation decisions. */
  trust: 'trust',
} as const

export type Writer = keyof typeof WRITERS

/** The context that marks a Local API call as `writer`'s own; `value` travels with it. */
export const writingAs = (writer: Writer, value: unknown = true): RequestContext => ({
  [WRITERS[writer]]: value,
})

/** Whether this request is `writer`'s own Local API call. */
export const isWritingAs = (req: Pick<PayloadRequest, 'context'>, writer: Writer): boolean =>
  Boolean(req.context?.[WRITERS[writer]])

/** What `writer` sent along with its mark (the quote's parties for `quoting`). */
export const writerValue = <T>(
  req: Pick<PayloadRequest, 'context'>,
  writer: Writer,
): T | undefined => req.context?.[WRITERS[writer]] as T | undefined

/** Collection-level: a signed-in request written by `writer`. */
export const writtenBy =
  (writer: Writer): Access =>
  ({ req }) =>
    Boolean(req.user) && isWritingAs(req, writer)

/** Field-level: written by `writer` only, whoever is signed in. */
export const writtenByField =
  (writer: Writer): FieldAccess =>
  ({ req }) =>
    isWritingAs(req, writer)
