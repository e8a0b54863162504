/**
 * How long Event Pros NZ keeps each kind of information. One table, read by the privacy policy
 * page and the README, and the numbers the retention job (./tasks.ts) applies.
 */
export const RETENTION = {
  /** A sign-up whose email was never confirmed. */
  unverifiedSignUpDays: 30,
  /** A data export's download link and file. */
  exportDays: 7,
  /** The log of webhook deliveries (with the copy of what each sent). */
  webhookDeliveryDays: 30,
  /** Between asking to delete an account and its erasure; signing in cancels it. */
  erasureGraceDays: 14,
  /** Financial records: Tax Administration Act 1994 s 22 and the Companies Act 1993 s 194. */
  financialYears: 7,
  /** Everything else once it is no longer in use. */
  generalYears: 3,
} as const

export type RetentionRow = {
  /** What is kept. */
  what: string
  /** For how long, as a person reads it. */
  kept: string
  /** What happens at the end of it, and what does it. */
  then: string
}

export const RETENTION_TABLE: readonly RetentionRow[] = [
  {
    what: 'Your account: name, email, phone, photo, role, email settings and consents',
    kept: 'While you have an account',
    then: `You can delete it from your account page. After ${RETENTION.erasureGraceDays} days' grace (signing in cancels it) it is erased; only the records below that the law or the other party needs stay, without your name.`,
  },
  {
    what: 'A sign-up whose email address was never confirmed',
    kept: `${RETENTION.unverifiedSignUpDays} days`,
    then: 'Deleted by the daily retention job (never a staff account, never one anything else refers to).',
  },
  {
    what: 'Bookings, accepted quotes, subscriptions, payments, invoices and refunds (financial records)',
    kept: `${RETENTION.financialYears} years`,
    then: 'Kept for tax and company law, also after your account is erased, with your name replaced.',
  },
  {
    what: 'Conversations: messages and their attachments',
    kept: `${RETENTION.generalYears} years after the last message`,
    then: 'Deleted with their attachments by the daily retention job. If you erase your account sooner, your messages stay for the other person with the sender shown as "Former member".',
  },
  {
    what: 'Vendor profile, portfolio, jobs, quotes that did not become bookings, reviews and responses',
    kept: 'While your account is open',
    then: 'Removed from the site when your account is erased; reviews you wrote stay, shown as "A former organizer".',
  },
  {
    what: 'Verification documents (business registration, insurance, licences, ID) and their files',
    kept: `While your account is open; a rejected or expired one for ${RETENTION.generalYears} years after it was last changed`,
    then: `Deleted, files included, when your account is erased, or by the daily retention job once a rejected or expired document reaches ${RETENTION.generalYears} years.`,
  },
  {
    what: 'The audit log: staff decisions, changes to roles, plans and refunds, and staff views of private messages and documents',
    kept: 'As long as the service runs',
    then: 'The log cannot be changed or deleted, so nobody can hide what was done. It holds the account number and email address of whoever acted and a one-line summary, not the content of your messages or documents. Erasing your account leaves one entry that it happened.',
  },
  {
    what: 'Webhook deliveries: the log of events sent to an integrator’s endpoints, with the copy of what each carried',
    kept: `${RETENTION.webhookDeliveryDays} days`,
    then: 'Deleted by the daily retention job 30 days after its last attempt, and with the endpoint when it is deleted.',
  },
  {
    what: 'A download of your data',
    kept: `${RETENTION.exportDays} days`,
    then: 'The link stops working and the file is deleted.',
  },
]
