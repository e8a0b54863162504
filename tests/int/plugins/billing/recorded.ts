import type { BillingAuditEntry } from '../../../../plugins/billing'

/**
 * What the test config's callbacks saw, for the spec to read. Kept apart from the config, which
 * must load only once the spec has set the environment it reads.
 */
export const recorded = {
  /** What billing sent to the audit log, oldest first. */
  audited: [] as BillingAuditEntry[],
  /** The vendors the config's own `afterChange` hook saw saved: billing must not replace it. */
  savedVendorIds: [] as number[],
}
