import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

/**
 * Payload drops keys it does not know without a word; an integrator who misspells a field
 * would think it saved. This answers 400 naming the unknown keys, before anything is stored.
 */
export const rejectUnknownFields =
  (allowedKeys: readonly string[]): CollectionBeforeOperationHook =>
  ({ args, collection, operation }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const data = (args as { data?: unknown }).data
    if (!data || typeof data !== 'object' || Array.isArray(data)) return args
    const known = new Set([
      ...allowedKeys,
      ...collection.flattenedFields.map((field) => field.name),
    ])
    const unknown = Object.keys(data).filter((key) => !known.has(key))
    if (unknown.length > 0) {
      throw new ValidationError({
        collection: collection.slug,
        errors: unknown.map((key) => ({ path: key, message: `Unknown field "${key}".` })),
      })
    }
    return args
  }
