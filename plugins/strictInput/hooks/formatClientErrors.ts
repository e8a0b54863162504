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

type PayloadErrors = {
  errors?: { message?: string; data?: FieldError[] | { errors?: FieldError[] } }[]
}
type FieldError = { path?: string; field?: string; message?: string }
type Refusal = { status: number; code: string; message: string }

/** The PostgreSQL error code behind an error, however many layers (drizzle, Payload) wrap it. */
const databaseErrorCode = (error: unknown): string | undefined => {
  for (let layer = error, depth = 0; layer && depth < 5; depth += 1) {
    const { code, cause } = layer as { code?: unknown; cause?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    layer = cause
  }
  return undefined
}

/**
 * Client mistakes Payload itself answers with 500: JSON it fails to parse in `where`, `data`
 * or a multipart `_payload` (a SyntaxError from its parser), a file sent to a collection that
 * takes none, and rows the database refuses as conflicts (a duplicate of a unique value, or a
 * delete of a document others still point at).
 */
const clientMistake = (error: Error, method: string | undefined): Refusal | null => {
  if (error.name === 'SyntaxError' || error.message === 'Invalid JSON') {
    return {
      status: 400,
      code: 'INVALID_JSON',
      message:
        'Part of the request is not valid JSON (a where, data or _payload value, or the body).',
    }
  }
  if (error.message === 'Request is not eligible for file upload') {
    return { status: 400, code: 'INVALID_INPUT', message: 'This collection does not take files.' }
  }
  const code = databaseErrorCode(error)
  if (code === '23505') {
    return {
      status: 409,
      code: 'CONFLICT',
      message: 'Another document already has this value, and it must be unique.',
    }
  }
  // Deleting a document others need: their NOT NULL reference cannot be emptied.
  if (code === '23503' || (code === '23502' && method === 'DELETE')) {
    return {
      status: 409,
      code: 'CONFLICT',
      message: 'Other documents still refer to this one, or it names one that does not exist.',
    }
  }
  return null
}

/**
 * Payload's own routes answer a client's mistake with `{ errors: [...] }`; our endpoints with
 * `{ success: false, error: { code, message, details } }`. Both shapes are sent, so an
 * integrator reads one format everywhere and Payload's admin keeps reading its own.
 */
export const formatClientErrors: AfterErrorHook = ({ error, req, result }) => {
  // GraphQL hands the hooks its own error around what was thrown, without the status.
  const thrown = (error as { originalError?: Error }).originalError ?? error
  const refusal = clientMistake(thrown, req.method)
  if (refusal) {
    // Said on the error too, so the hooks after this one (error tracking) see a client's
    // mistake, not a failure of ours.
    Object.assign(error, { status: refusal.status })
    return {
      status: refusal.status,
      response: {
        errors: [{ message: refusal.message }],
        success: false,
        error: { code: refusal.code, message: refusal.message },
      },
    }
  }
  if (thrown !== error && (error as { status?: number }).status === undefined) {
    // The status GraphQL answers with is the thrown error's: said on the wrapper too.
    Object.assign(error, { status: (thrown as { status?: number }).status })
  }
  const status = (error as { status?: number }).status ?? 500
  if (status >= 500 || !result) return
  const body = result as PayloadErrors
  const message =
    body.errors
      ?.map((entry) => entry.message)
      .filter(Boolean)
      .join(' ') || error.message
  const fieldErrors = body.errors?.flatMap((entry) =>
    Array.isArray(entry.data) ? entry.data : (entry.data?.errors ?? []),
  )
  // An error that names its own code and details (a rate limit's wait) keeps them.
  const own = error as { code?: unknown; details?: unknown }
  const details =
    own.details ??
    (fieldErrors?.length
      ? fieldErrors.map(({ path, field, message: text }) => ({
          field: path ?? field ?? '',
          message: text,
        }))
      : undefined)
  const code =
    typeof own.code === 'string' && /^[A-Z_]+$/.test(own.code)
      ? own.code
      : (CODES[status] ?? 'REFUSED')
  return {
    response: {
      ...result,
      success: false,
      error: { code, message, ...(details ? { details } : {}) },
    },
  }
}
