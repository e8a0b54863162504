import type { z } from 'zod'

import { RequestError } from './errors'

/**
 * A request body read with its zod schema, or a 400 naming each field that is wrong (in the
 * error format's `details`). The schema is the one place the body's shape is written down.
 */
export const parseInput = <T extends z.ZodType>(schema: T, input: unknown): z.infer<T> => {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => ({
    field:
      issue.code === 'unrecognized_keys'
        ? issue.keys.join(', ')
        : issue.path.map(String).join('.') || 'body',
    message: issue.code === 'unrecognized_keys' ? 'Unknown field.' : issue.message,
  }))
  throw new RequestError(
    400,
    'INVALID_INPUT',
    problems
      .map((p) => (p.message === 'Unknown field.' ? `Unknown field "${p.field}".` : p.message))
      .join(' '),
    problems,
  )
}
