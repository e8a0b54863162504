export const REDACTED = '[redacted]'
/** Longer values (rich text, long descriptions) are summarised, so one entry stays readable. */
const MAX_VALUE_CHARS = 1000
const UNCHANGED = ['createdAt', 'updatedAt']

export type Change = { from: unknown; to: unknown }
type Doc = Record<string, unknown>

const isPlainObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)

/** A populated relationship is recorded as the id it points to, as the database holds it. */
const asStored = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(asStored)
  if (isPlainObject(value)) {
    if ('id' in value && ('createdAt' in value || 'updatedAt' in value)) return value.id
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asStored(inner)]))
  }
  return value
}

/** The document's own fields (it has an id and timestamps too, but is no relationship). */
const fieldsAsStored = (doc: Doc | null | undefined): Doc =>
  Object.fromEntries(Object.entries(doc ?? {}).map(([key, value]) => [key, asStored(value)]))

/** Groups become dotted paths (`location.city`); arrays and scalars stay whole values. */
const flatten = (doc: Doc, prefix = '', into: Doc = {}): Doc => {
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (isPlainObject(value) && !('root' in value)) flatten(value, path, into)
    else into[path] = value
  }
  return into
}

const withoutSecrets = (value: unknown, redact: Set<string>): unknown => {
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, redact))
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        redact.has(key) ? REDACTED : withoutSecrets(inner, redact),
      ]),
    )
  }
  return value
}

const shown = (value: unknown, redact: Set<string>): unknown => {
  const safe = withoutSecrets(value, redact)
  const text = JSON.stringify(safe) ?? ''
  return text.length > MAX_VALUE_CHARS ? `[${text.length} characters, not shown]` : safe
}

/**
 * The fields that differ between two versions of a document, before → after, among those the
 * later version shows: a create has nothing before, a delete nothing after. Secrets are named
 * but never shown; a secret sent with the write (a password, of which Payload keeps only the
 * hash no reader sees) counts as changed.
 */
export const changedFields = ({
  before,
  after,
  secretsSent = [],
  redact,
}: {
  before: Doc | null | undefined
  after: Doc | null | undefined
  secretsSent?: string[]
  redact: Set<string>
}): Record<string, Change> => {
  const from = flatten(fieldsAsStored(before))
  const to = flatten(fieldsAsStored(after))
  const changes: Record<string, Change> = {}
  // What the saved version shows: fields hidden from its reader are not in it, and are not
  // thereby removed.
  for (const path of Object.keys(after ? to : from)) {
    if (UNCHANGED.includes(path)) continue
    const old = from[path] ?? null
    const now = to[path] ?? null
    if (JSON.stringify(old) === JSON.stringify(now)) continue
    const secret = path.split('.').some((segment) => redact.has(segment))
    changes[path] = secret
      ? { from: old === null ? null : REDACTED, to: now === null ? null : REDACTED }
      : { from: shown(old, redact), to: shown(now, redact) }
  }
  for (const name of secretsSent) {
    changes[name] ??= { from: before ? REDACTED : null, to: REDACTED }
  }
  return changes
}
