import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionConfig,
  PayloadRequest,
} from 'payload'

import type { SanitizedStaffAuditPluginConfig, StaffAuditUser } from '../types'
import { AUDITED_ELSEWHERE } from '../utilities/context'
import { changedFields } from '../utilities/changes'

type Doc = Record<string, unknown>

/**
 * The secrets a write sent (a password, an API key): Payload hashes or encrypts them and no
 * reader sees them afterwards, so `afterChange` could not tell they changed.
 */
const SECRETS_SENT = Symbol('staffAudit.secretsSent')

/** Notes on the data itself, invisibly, which secrets came with it. */
export const noteSecretsSent =
  (redact: Set<string>): CollectionBeforeChangeHook =>
  ({ data, originalDoc }) => {
    const sent = Object.entries(data ?? {})
      .filter(
        ([key, value]) =>
          redact.has(key) &&
          value != null &&
          value !== '' &&
          !(Array.isArray(value) && value.length === 0) &&
          // A value Payload carried over unchanged (a field the writer may not touch) was not sent.
          JSON.stringify(value) !== JSON.stringify((originalDoc as Record<string, unknown>)?.[key]),
      )
      .map(([key]) => key)
    if (sent.length > 0) Object.defineProperty(data, SECRETS_SENT, { value: sent })
    return data
  }

const VERBS = { create: 'Created', update: 'Updated', delete: 'Deleted' } as const

const titleOf = (collection: CollectionConfig, doc: Doc) => {
  const field = collection.admin?.useAsTitle
  const title = field && field !== 'id' ? doc[field] : undefined
  return typeof title === 'string' && title !== '' ? ` “${title.slice(0, 80)}”` : ''
}

const needsEntry = (options: SanitizedStaffAuditPluginConfig, req: PayloadRequest) =>
  options.isStaff(req.user as StaffAuditUser) && !req.context?.[AUDITED_ELSEWHERE]

const record = async (
  options: SanitizedStaffAuditPluginConfig,
  req: PayloadRequest,
  collection: CollectionConfig,
  operation: keyof typeof VERBS,
  doc: Doc,
  changes: Record<string, unknown>,
) => {
  const fields = Object.keys(changes)
  if (operation === 'update' && fields.length === 0) return
  await options.record(req, {
    action: `staff.${operation}`,
    targetCollection: collection.slug,
    targetId: doc.id as string | number,
    summary: `${VERBS[operation]} ${collection.slug} ${String(doc.id)}${titleOf(collection, doc)}${
      operation === 'update' ? `: ${fields.join(', ')}` : ''
    }`,
    details: { changes },
  })
}

/**
 * Every create and update by staff, whichever way it came (the admin, REST, GraphQL, the Local
 * API with their `req`), in the audit log with the fields it changed. Appended after the
 * collection's own hooks, so it records what was finally saved; in the request's transaction,
 * so a change and its entry are saved together or not at all.
 */
export const auditStaffChange =
  (options: SanitizedStaffAuditPluginConfig, redact: Set<string>): CollectionAfterChangeHook =>
  async ({ collection, data, doc, operation, previousDoc, req }) => {
    if (!needsEntry(options, req)) return doc
    const changes = changedFields({
      before: operation === 'create' ? null : (previousDoc as Doc),
      after: doc as Doc,
      secretsSent: (data as { [SECRETS_SENT]?: string[] } | undefined)?.[SECRETS_SENT],
      redact,
    })
    await record(options, req, collection, operation, doc as Doc, changes)
    return doc
  }

/** Every delete by staff, with what the document held. */
export const auditStaffDelete =
  (options: SanitizedStaffAuditPluginConfig, redact: Set<string>): CollectionAfterDeleteHook =>
  async ({ collection, doc, req }) => {
    if (!needsEntry(options, req)) return doc
    const changes = changedFields({ before: doc as Doc, after: null, redact })
    await record(options, req, collection, 'delete', doc as Doc, changes)
    return doc
  }
