import type { TaskConfig } from 'payload'

import { MARKETPLACE_QUEUE } from '@/lib/kit/email'

import { recomputeFavourites } from './favourites'
import { publishDueReviews } from './reviewModeration'
import { expireDocuments } from './verification'

export const AUTO_PUBLISH_TASK = 'publishDueReviews'
export const EXPIRE_DOCUMENTS_TASK = 'expireVerificationDocuments'
export const FAVOURITES_TASK = 'recomputeFavourites'

/** Trust and safety's scheduled work, on the marketplace queue. */
export const trustTasks: TaskConfig[] = [
  {
    slug: AUTO_PUBLISH_TASK,
    label: 'Publish reviews that waited 48 hours with nothing flagged',
    schedule: [{ cron: '0 */10 * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'trust:auto-publish', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await publishDueReviews(req) }),
  } as TaskConfig,
  {
    slug: EXPIRE_DOCUMENTS_TASK,
    label: 'Expire insurance on its date and remind 30 days before',
    // Hourly, so a certificate stops counting within the hour of its expiry.
    schedule: [{ cron: '0 5 * * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'trust:expire-documents', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await expireDocuments(req) }),
  } as TaskConfig,
  {
    slug: FAVOURITES_TASK,
    label: 'Recompute response figures and the Event Pros Favourite badge',
    // Daily at 14:15 UTC: the small hours in New Zealand.
    schedule: [{ cron: '0 15 14 * * *', queue: MARKETPLACE_QUEUE }],
    concurrency: { key: () => 'trust:favourites', supersedes: true },
    retries: { attempts: 3 },
    handler: async ({ req }) => ({ output: await recomputeFavourites(req) }),
  } as TaskConfig,
]
