import type { CollectionSlug, Endpoint } from 'payload'
import { z } from 'zod'

/**
 * Who may call an operation, as the document states it: `public` needs no credentials (it may
 * still answer differently to someone signed in); the others need a session or an API key and
 * say whose. The endpoint's own checks are the rule; this is how the reference describes it.
 */
export type Caller =
  | 'public'
  | 'signed-in'
  | 'vendor'
  | 'organizer'
  | 'staff'
  | 'admin'
  | 'signed-link'
  | 'stripe'
  | 'operator'

/** What a successful call answers when it is not JSON (a file, a calendar, a redirect). */
export type RawResponse = {
  contentType: string
  description: string
}

/**
 * A custom endpoint's description: the same zod schemas that read its body and query are the
 * schemas the OpenAPI document shows, so changing a validator changes the document.
 */
export type Contract = {
  summary: string
  description?: string
  /** @default the collection's label, or the first path segment for a root endpoint */
  tag?: string
  caller: Caller
  /** The JSON body, as the handler parses it. */
  body?: z.ZodType
  /** Query parameters, as the handler parses them (one property each). */
  query?: z.ZodObject
  /** The success answer's JSON body; `raw` when it is not JSON. */
  response?: z.ZodType | RawResponse
  /** @default 200 */
  status?: number
  /** Other success statuses with the same body, and when each is answered. */
  alsoAnswers?: Record<number, string>
  /** An example body for the reference's "try it". */
  example?: unknown
}

const CONTRACT_KEY = 'openapi'

/** The endpoint with its contract attached, where the document generator will find it. */
export const documented = (contract: Contract, endpoint: Endpoint): Endpoint => ({
  ...endpoint,
  custom: { ...endpoint.custom, [CONTRACT_KEY]: contract },
})

export const contractOf = (endpoint: Endpoint): Contract | undefined =>
  (endpoint.custom as Record<string, Contract> | undefined)?.[CONTRACT_KEY]

/** The JSON Schema keyword the generator replaces with a reference to a collection's schema. */
export const DOCUMENT_KEYWORD = 'x-payload-document'
/** Properties an answer adds to the collection's document (the generator merges them in). */
export const DOCUMENT_EXTRA_KEYWORD = 'x-payload-document-extra'

/**
 * A zod stand-in for one of a collection's documents as the caller may read it, with `extra`
 * properties where the answer adds its own (a conversation's `unread` count).
 */
export const documentOf = (slug: CollectionSlug, extra?: z.ZodRawShape): z.ZodType =>
  z
    .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null)
    .meta({
      [DOCUMENT_KEYWORD]: slug,
      ...(extra
        ? {
            [DOCUMENT_EXTRA_KEYWORD]: z.toJSONSchema(z.object(extra), {
              io: 'input',
              unrepresentable: 'any',
            }),
          }
        : {}),
    })

const CREATED_KEY = 'openapiCreated'

/**
 * For a collection's `custom`: properties the answer to its create adds to the document (a
 * secret shown only then). `{ custom: { ...documentCreatedWith({ secret: z.string() }) } }`.
 */
export const documentCreatedWith = (extra: z.ZodRawShape) => ({
  [CREATED_KEY]: z.toJSONSchema(z.object(extra), { io: 'input', unrepresentable: 'any' }),
})

/** What `documentCreatedWith` put on a collection, for the generator. */
export const createdExtraOf = (custom: unknown): Record<string, unknown> | undefined =>
  (custom as Record<string, Record<string, unknown>> | undefined)?.[CREATED_KEY]

/** The envelope every custom JSON endpoint answers with: `{ success: true, data }`. */
export const envelope = (data: z.ZodType) => z.object({ success: z.literal(true), data })
