import type { CheckboxField } from 'payload'

import { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/kit/notifications'

/** Kinds whose switch is declared here; job alerts and message emails came first, in index.ts. */
const NEW_KINDS = [
  'quotes',
  'bookings',
  'reviews',
  'reminders',
] as const satisfies readonly NotificationKind[]

/**
 * One switch per kind of notification email (src/lib/kit/notifications.ts), on by default as
 * the older two are. The person changes them on /account or with an email's unsubscribe link;
 * the email task reads them when it sends.
 */
export const notificationFields: CheckboxField[] = NEW_KINDS.map((kind) => {
  const { field, label, roles } = NOTIFICATION_KINDS[kind]
  const shownTo: readonly string[] | null = roles
  return {
    name: field,
    type: 'checkbox',
    defaultValue: true,
    label,
    admin: shownTo ? { condition: (data) => shownTo.includes(String(data?.role)) } : undefined,
  }
})
