import type { TaskConfig } from 'payload'

import {
  MARKETPLACE_QUEUE,
  type MarketplaceEmail,
  SEND_EMAIL_TASK,
  sendQueuedEmail,
} from '@/lib/kit/email'
import { NOTIFICATION_KINDS } from '@/lib/kit/notifications'
import { sendUnreadMessageEmails, UNREAD_EMAILS_TASK } from '@/lib/messaging/reminders'

import { JOB_ALERTS_TASK, sendDeadlineReminders, sendJobAlerts } from './alerts'
import { refreshExternalCalendars } from '@/lib/calendar/service'

import { completeFinishedBookings } from './bookings'

export const DEADLINE_REMINDERS_TASK = 'sendDeadlineReminders'
export const COMPLETE_BOOKINGS_TASK = 'completeFinishedBookings'
export const REFRESH_CALENDARS_TASK = 'refreshExternalCalendars'

/** The marketplace's background work, all on one queue: emails, alerts and reminders (messages too). */
export const marketplaceTasks: TaskConfig[] = [
  {
    slug: SEND_EMAIL_TASK,
    label: 'Send a marketplace email',
    inputSchema: [
      { name: 'userId', type: 'number', required: true },
      { name: 'subject', type: 'text', required: true },
      { name: 'intro', type: 'textarea', required: true },
      { name: 'actionLabel', type: 'text', required: true },
      { name: 'actionPath', type: 'text', required: true },
      { name: 'outro', type: 'textarea' },
      { name: 'kind', type: 'select', options: Object.keys(NOTIFICATION_KINDS) },
    ],
    retries: { attempts: 8, backoff: { type: 'exponential', delay: 5000 } },
    handler: async ({ input, req }) => ({
      output: await sendQueuedEmail(req, input as MarketplaceEmail),
    }),
  } as TaskConfig,
  {
    slug: UNREAD_EMAILS_TASK,
    label: 'Email people whose messages wait unread for 15 minutes',
    schedule: [{ cron: '0 * * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'marketplace:unread-emails', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await sendUnreadMessageEmails(req) }),
  } as TaskConfig,
  {
    slug: JOB_ALERTS_TASK,
    label: 'Email vendors the new jobs that match them',
    schedule: [{ cron: '0 0 * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'marketplace:job-alerts', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await sendJobAlerts(req) }),
  } as TaskConfig,
  {
    slug: DEADLINE_REMINDERS_TASK,
    label: 'Remind organizers that quotes close soon',
    schedule: [{ cron: '0 */15 * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'marketplace:deadline-reminders', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await sendDeadlineReminders(req) }),
  } as TaskConfig,
  {
    slug: COMPLETE_BOOKINGS_TASK,
    label: 'Complete the bookings whose event day has ended in New Zealand',
    // Hourly, so a booking completes within the hour after midnight whatever the server's zone.
    schedule: [{ cron: '0 5 * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'marketplace:complete-bookings', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await completeFinishedBookings(req) }),
  } as TaskConfig,
  {
    slug: REFRESH_CALENDARS_TASK,
    label: 'Read the calendars vendors subscribe to again',
    schedule: [{ cron: '0 */30 * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'marketplace:refresh-calendars', supersedes: true },
    retries: { attempts: 2 },
    handler: async ({ req }) => ({ output: await refreshExternalCalendars(req) }),
  } as TaskConfig,
]
