import { headersWithCors, type PayloadRequest } from 'payload'

/** The error body every custom endpoint answers with: `{ success: false, error: { code, message, details } }`. */
export const apiError = (
  req: PayloadRequest,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): Response =>
  Response.json(
    { success: false, error: { code, message, ...(details === undefined ? {} : { details }) } },
    { status, headers: headersWithCors({ headers: new Headers(), req }) },
  )

export const apiJson = (
  req: PayloadRequest,
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response =>
  Response.json(body, {
    status: init.status ?? 200,
    headers: headersWithCors({ headers: new Headers(init.headers), req }),
  })
