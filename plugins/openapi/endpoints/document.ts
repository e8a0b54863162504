import type { Endpoint, PayloadRequest } from 'payload'

import { documented } from '../contract'
import type { SanitizedOpenApiPluginConfig } from '../types'
import { buildDocument } from '../utilities/document'

let cached: { config: unknown; body: string } | undefined

/** The document of the running config, built once per process (the config does not change). */
export const openApiDocument = (req: PayloadRequest, options: SanitizedOpenApiPluginConfig) => {
  if (cached?.config !== req.payload.config) {
    const { document, undocumented } = buildDocument(req.payload.config, options)
    if (undocumented.length) {
      req.payload.logger.warn({ msg: 'Routes missing from the OpenAPI document', undocumented })
    }
    cached = { config: req.payload.config, body: JSON.stringify(document) }
  }
  return cached.body
}

export const documentEndpoint = (options: SanitizedOpenApiPluginConfig): Endpoint =>
  documented(
    {
      summary: 'This document',
      description: 'The OpenAPI 3.1 description of every route, generated from the running config.',
      caller: 'public',
      tag: 'Reference',
      response: { contentType: 'application/json', description: 'The OpenAPI document.' },
    },
    {
      path: options.documentPath,
      method: 'get',
      handler: (req) =>
        new Response(openApiDocument(req, options), {
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Cache-Control': 'public, max-age=300',
          },
        }),
    },
  )
