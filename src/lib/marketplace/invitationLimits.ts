/**
 * The invitation limits, read by the server's rules (`./invitations.ts`) and by the browser's
 * forms before a round trip; and the address that starts a job for invited vendors.
 */
/** The most vendors one request invites (a saved list's worth is sent in a few). */
export const INVITEES_PER_REQUEST = 10
export const INVITATION_NOTE_MAX = 1000
export const DECLINE_NOTE_MAX = 500
/** How soon an invited vendor is asked to answer (the response-rate measure): quotes must stay open that long. */
export const ANSWER_WITHIN_MS = 24 * 3_600_000

/** The post-a-job form's address for inviting these vendors once the job is published. */
export const newJobForVendors = (vendorIds: number[]) =>
  `/jobs/new?invite=${vendorIds.slice(0, INVITEES_PER_REQUEST).join(',')}`
