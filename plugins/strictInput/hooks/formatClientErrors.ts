import type { AfterErrorHook } from 'payload'

const CODES: Record<number, string> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
}

type PayloadErrors = { errors?: { message?: string; data?: { errors?: FieldError[] } }[] }
type FieldError = { path?: string; field?: string; message?: string }

/**
 * Payload's own routes answer a client's mistake with `{ errors: [...] }`; our endpoints with
 * `{ success: false, error: { code, message, details } }`. Both shapes are sent, so an
 * integrator reads one format everywhere and Payload's admin keeps reading its own.
 */
export const formatClientErrors: AfterErrorHook = ({ error, result }) => {
  const status = (error as { status?: number }).status ?? 500
  if (status >= 500 || !result) return
  const body = result as PayloadErrors
  const message =
    body.errors
      ?.map((entry) => entry.message)
      .filter(Boolean)
      .join(' ') || error.message
  const fieldErrors =
    body.errors?.flatMap((entry) => entry.data?.errors ?? []) ??
    ((error as { data?: unknown }).data as FieldError[] | undefined)
  const details = fieldErrors?.length
    ? fieldErrors.map(({ path, field, message: text }) => ({
        field: path ?? field ?? '',
        message: text,
      }))
    : undefined
  return {
    response: {
      ...result,
      success: false,
      error: { code: CODES[status] ?? 'REFUSED', message, ...(details ? { details } : {}) },
    },
  }
}
