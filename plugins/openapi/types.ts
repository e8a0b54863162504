import type { z } from 'zod'

import type { Schema } from './utilities/schemas'

export type ErrorCodeMeaning = { status: number; meaning: string }

/** An event the API posts to integrators' endpoints, for OpenAPI 3.1's `webhooks`. */
export type OutgoingWebhook = {
  summary: string
  description?: string
  /** The body posted (`documentOf(slug)` stands for a collection's document). */
  payload: z.ZodType
  /** Headers sent with it (their names and what they hold). */
  headers?: Record<string, string>
  /** What the receiver should answer, and what happens otherwise. */
  responses?: Record<string, string>
}

export type OpenApiPluginConfig = {
  title: string
  version: string
  /** Markdown shown at the top of the reference. */
  description?: string
  /** Field names no response ever carries (secrets, tokens): left out of every schema. */
  neverSent?: readonly string[]
  /** Every `error.code` a client can get, with its status and meaning. */
  errorCodes?: Record<string, ErrorCodeMeaning>
  /**
   * Paths served outside Payload's endpoints (GraphQL's own route), in OpenAPI's shape.
   * @default {}
   */
  extraPaths?: Record<string, Record<string, Schema>>
  /**
   * Events posted to integrators' own servers, listed under the document's `webhooks`.
   * @default {}
   */
  webhooks?: Record<string, OutgoingWebhook>
  /**
   * The tag of a root endpoint without one of its own.
   * @default the first segment of its path
   */
  rootTag?: (path: string) => string
  /**
   * Collections listed with Payload's internals (the jobs queue, preferences) rather than under
   * a tag of their own: admin tooling an integrator has no use for.
   * @default []
   */
  internalCollections?: readonly string[]
  /** @default '/openapi.json' */
  documentPath?: string
  /** @default '/docs' */
  docsPath?: string
  /** The file of Scalar's standalone API reference script, served from `<docsPath>/reference.js`. */
  referenceScript: string
  /** Serve neither the document nor the reference page. @default false */
  disabled?: boolean
}

export type SanitizedOpenApiPluginConfig = Required<
  Omit<OpenApiPluginConfig, 'neverSent' | 'internalCollections'>
> & {
  internalCollections: ReadonlySet<string>
  neverSent: ReadonlySet<string>
  /** `method /path` of every endpoint declared before Payload adds its own. */
  customRoutes: ReadonlySet<string>
}
