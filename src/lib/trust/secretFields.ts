/**
 * Field names whose values no audit entry or admin export may hold, whatever the collection:
 * Payload's auth secrets and tokens, and ours (collections/Users/fields/security.ts, the
 * suspension's kept vendor status). The staff audit shows a change of one as `[redacted]`;
 * exports leave them out.
 */
export const SECRET_FIELDS = [
  'password',
  'hash',
  'salt',
  'apiKey',
  'apiKeyIndex',
  'sessions',
  'resetPasswordToken',
  'resetPasswordExpiration',
  '_verificationToken',
  'loginAttempts',
  'lockUntil',
  'totpSecret',
  'totpPendingSecret',
  'totpLastStep',
  'recoveryCodes',
  'sessionDetails',
  'suspendedVendorStatus',
  // A vendor's subscribed calendars' addresses (Google's private address reads their calendar)
  // and their private feed's token hash: src/lib/calendar.
  'externalCalendars',
  'calendarFeedTokenHash',
  // Webhook endpoints' signing secrets (src/lib/webhooks).
  'secret',
  'previousSecret',
] as const
