import { sql } from '@payloadcms/db-postgres'
import { isbot } from 'isbot'
import type { Payload, PayloadRequest } from 'payload'

import { isStaffUser } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { findVisible } from '@/lib/kit/endpoint'
import { transactionDb } from '@/lib/kit/transaction'
import { nzDay } from '@/lib/marketplace/dates'
import type { User } from '@/payload-types'
import { addressKey, consumeLimit, RateLimitError } from '@/plugins/rateLimits'

/** The dashboard's window: views of the last 30 New Zealand days, today included. */
export const PROFILE_VIEW_DAYS = 30

export type ViewOutcome =
  | { counted: true }
  | { counted: false; reason: 'bot' | 'own' | 'staff' | 'repeat' | 'anonymous-address' }

const ownerId = (owner: unknown): number | null =>
  typeof owner === 'number' ? owner : ((owner as { id?: number } | null)?.id ?? null)

/**
 * Counts one view of a vendor's public page, for the vendor's dashboard. Sent by the page
 * itself (`navigator.sendBeacon`), so the page stays the same for everyone and can be cached.
 *
 * Not counted: crawlers and other bots (by user agent, with `isbot`); the vendor looking at
 * their own page; staff; and a visitor's second view of the same vendor on the same day (the
 * `profileViews` rate limit, shared by every app instance). A vendor the visitor may not see is
 * a 404, like one that does not exist.
 */
export const recordProfileView = async (
  req: PayloadRequest,
  vendorId: number,
): Promise<ViewOutcome> => {
  const vendor = await findVisible(req, slugs.vendors, vendorId, 'Vendor not found.')
  const agent = req.headers.get('user-agent') ?? ''
  if (!agent || isbot(agent)) return { counted: false, reason: 'bot' }
  const user = req.user as User | null
  if (user && isStaffUser(user)) return { counted: false, reason: 'staff' }
  if (user && ownerId(vendor.owner) === user.id) return { counted: false, reason: 'own' }
  const visitor = user ? `user:${user.id}` : addressKey(req.payload, req.headers)
  // An address the operator exempted from limits (a monitor, a load test) is not a visitor.
  if (!visitor) return { counted: false, reason: 'anonymous-address' }
  try {
    await consumeLimit(req.payload, 'profileViews', [`${visitor}:vendor:${vendorId}`])
  } catch (error) {
    if (error instanceof RateLimitError) return { counted: false, reason: 'repeat' }
    throw error
  }
  const db = await transactionDb(req)
  await db.execute(sql`
    INSERT INTO profile_views (vendor_id, day, views) VALUES (${vendorId}, ${nzDay(new Date())}, 1)
    ON CONFLICT (vendor_id, day) DO UPDATE SET views = profile_views.views + 1`)
  return { counted: true }
}

/** The first New Zealand day of the dashboard's window ending today. */
export const windowStart = (now = new Date(), days = PROFILE_VIEW_DAYS): string =>
  nzDay(new Date(now.getTime() - (days - 1) * 86_400_000))

/** A vendor's views over the dashboard's window, read with the signed-in person's own access. */
export const profileViewsOf = async (
  payload: Payload,
  user: User,
  vendorId: number,
  now = new Date(),
): Promise<number> => {
  const { docs } = await payload.find({
    collection: slugs.profileViews,
    where: {
      and: [{ vendor: { equals: vendorId } }, { day: { greater_than_equal: windowStart(now) } }],
    },
    // One row per day at most: the window is the whole answer.
    limit: PROFILE_VIEW_DAYS + 1,
    pagination: false,
    depth: 0,
    select: { views: true },
    user,
    overrideAccess: false,
  })
  return docs.reduce((total, row) => total + (row.views ?? 0), 0)
}
