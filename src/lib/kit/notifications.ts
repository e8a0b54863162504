/**
 * The kinds of notification email, each with the account field that turns it on or off. An
 * email queued with a `kind` is checked against that field when it is sent and carries a
 * one-click unsubscribe (RFC 8058) for that kind alone; an email without one is transactional
 * (account, security, billing, moderation decisions) and always goes.
 */
export const NOTIFICATION_KINDS = {
  jobAlerts: {
    field: 'jobAlerts',
    what: 'Job alerts',
    label: 'Email me new jobs that match my services and area (at most one email a day)',
    roles: ['vendor'],
  },
  messages: {
    field: 'messageEmails',
    what: 'Message emails',
    label:
      'Email me when a message waits unread for 15 minutes (at most one an hour per conversation)',
    roles: null,
  },
  quotes: {
    field: 'quoteEmails',
    what: 'Quote emails',
    label: 'Email me about quotes: a new quote on my job, or mine shortlisted or not chosen',
    roles: null,
  },
  bookings: {
    field: 'bookingEmails',
    what: 'Booking emails',
    label: 'Email me when an organizer books me',
    roles: ['vendor'],
  },
  reviews: {
    field: 'reviewEmails',
    what: 'Review emails',
    label:
      'Email me about reviews: an invitation to review a completed booking, a review going live, a new review, a response to mine',
    roles: null,
  },
  reminders: {
    field: 'reminderEmails',
    what: 'Deadline reminders',
    label: 'Remind me the day before quotes for my job close',
    roles: ['organizer'],
  },
} as const satisfies Record<
  string,
  { field: string; what: string; label: string; roles: readonly string[] | null }
>

export type NotificationKind = keyof typeof NOTIFICATION_KINDS
export type NotificationField = (typeof NOTIFICATION_KINDS)[NotificationKind]['field']

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === 'string' && Object.hasOwn(NOTIFICATION_KINDS, value)

/** The kinds someone in this role is sent, in the order the account page lists them. */
export const notificationKindsFor = (role: string | null | undefined): NotificationKind[] =>
  (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter((kind) => {
    const roles: readonly string[] | null = NOTIFICATION_KINDS[kind].roles
    return roles === null || roles.includes(String(role))
  })
