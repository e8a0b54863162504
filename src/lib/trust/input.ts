import { invalidInput, RequestError } from '@/lib/kit/errors'

/** Refuses fields the caller may not send, naming each, before anything is read. */
export const onlyFields = (input: Record<string, unknown>, allowed: string[]) => {
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key))
  if (unknown.length) {
    const problems = unknown.map((field) => ({ field, message: `Unknown field "${field}".` }))
    throw new RequestError(400, 'INVALID_INPUT', problems.map((p) => p.message).join(' '), problems)
  }
}

/** A text field, trimmed; `undefined` when it was not sent. */
export const plainText = (value: unknown, field: string): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalidInput(field, `${field} must be text.`)
  return value.trim()
}
