import type { Config } from 'payload'

import { auditStaffChange, auditStaffDelete, noteSecretsSent } from './hooks/auditStaffChange'
import type { SanitizedStaffAuditPluginConfig, StaffAuditPluginConfig } from './types'

export type { StaffAuditEntry, StaffAuditPluginConfig, StaffAuditUser } from './types'
export { auditedElsewhere } from './utilities/context'

/** Payload's auth secrets and tokens, whatever the collection. */
const DEFAULT_REDACTED = [
  'password',
  'hash',
  'salt',
  'apiKey',
  'apiKeyIndex',
  'sessions',
  'resetPasswordToken',
  '_verificationToken',
]

/**
 * Every create, update and delete made by staff on any collection goes in the audit log with
 * the fields it changed, before → after, secrets redacted. Hooks appended after each
 * collection's own, so the admin, REST, GraphQL and the Local API are all covered. Add it after
 * the plugins that add collections. Payload's own collections (preferences, migrations, locked
 * documents, the jobs queue) are added after plugins run, so they are never audited: they hold
 * the system's bookkeeping, not staff decisions.
 */
export const staffAuditPlugin =
  (options: StaffAuditPluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedStaffAuditPluginConfig = {
      disabled: false,
      skipCollections: [],
      ...options,
      redact: [...DEFAULT_REDACTED, ...(options.redact ?? [])],
    }
    if (sanitized.disabled) return config
    const redact = new Set(sanitized.redact)
    const skipped = (slug: string) =>
      slug === sanitized.auditCollection || sanitized.skipCollections.includes(slug)
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) =>
        skipped(collection.slug)
          ? collection
          : {
              ...collection,
              hooks: {
                ...collection.hooks,
                beforeChange: [...(collection.hooks?.beforeChange ?? []), noteSecretsSent(redact)],
                afterChange: [
                  ...(collection.hooks?.afterChange ?? []),
                  auditStaffChange(sanitized, redact),
                ],
                afterDelete: [
                  ...(collection.hooks?.afterDelete ?? []),
                  auditStaffDelete(sanitized, redact),
                ],
              },
            },
      ),
    }
  }
