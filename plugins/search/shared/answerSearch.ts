import type { PayloadRequest } from 'payload'

import { apiError, apiJson } from '@/lib/kit/response'

import { searchConfig } from '../runtime'
import { SearchRequestError } from './request'

/**
 * Answers a search endpoint: 503 while search is switched off, the results (never cached by
 * the browser), 400 naming each bad parameter, or 503 when the engine fails.
 */
export const answerSearch = async (
  req: PayloadRequest,
  what: string,
  run: (params: Record<string, unknown>) => Promise<unknown>,
): Promise<Response> => {
  if (searchConfig(req.payload).disabled) {
    return apiError(req, 503, 'SEARCH_DISABLED', 'Search is switched off on this server.')
  }
  try {
    // Payload adds its own defaults (`depth`) to the parsed query; they are not search input.
    const { depth: _depth, ...params } = (req.query ?? {}) as Record<string, unknown>
    return apiJson(req, await run(params), { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (error instanceof SearchRequestError) {
      return apiError(
        req,
        400,
        'INVALID_SEARCH_REQUEST',
        'Some search parameters are not valid.',
        error.details,
      )
    }
    req.payload.logger.error({ err: error, msg: `${what} failed` })
    return apiError(
      req,
      503,
      'SEARCH_UNAVAILABLE',
      'Search is not available right now. Please try again shortly.',
    )
  }
}
