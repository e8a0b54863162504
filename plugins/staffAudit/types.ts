import type { PayloadRequest } from 'payload'

import type { User } from '@/payload-types'

export type StaffAuditUser = User | null | undefined

/** An entry for the app's audit log: which staff change, to which document. */
export type StaffAuditEntry = {
  /** `staff.create`, `staff.update` or `staff.delete`. */
  action: string
  targetCollection: string
  targetId?: string | number | null
  summary: string
  /** `{ changes: { field: { from, to } } }`, secrets shown as `[redacted]`. */
  details?: Record<string, unknown>
}

export type StaffAuditPluginConfig = {
  /** Whether the person making the request is staff, in the app's own terms. */
  isStaff: (user: StaffAuditUser) => boolean
  /** Appends an entry to the app's audit log in the request's transaction. */
  record: (req: PayloadRequest, entry: StaffAuditEntry) => Promise<void>
  /** The audit log's own slug: never audited, or each entry would audit itself. */
  auditCollection: string
  /**
   * Field names whose values never reach the log (at any depth): a change shows as
   * `[redacted] → [redacted]`. Added to the defaults, not replacing them.
   * @default ['password', 'hash', 'salt', 'apiKey', 'apiKeyIndex', 'sessions', 'resetPasswordToken', '_verificationToken']
   */
  redact?: string[]
  /**
   * Collections left out besides the audit log, typically those audited in their own way.
   * @default []
   */
  skipCollections?: string[]
  /**
   * Adds no hooks. The plugin adds no collections or fields, so turning it off changes no schema.
   * @default false
   */
  disabled?: boolean
}

export type SanitizedStaffAuditPluginConfig = Required<StaffAuditPluginConfig>
