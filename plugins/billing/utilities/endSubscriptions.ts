import type { PayloadRequest } from 'payload'

import type { Subscription } from '@/payload-types'

import { billingSlugs } from '../collections/slugs'
import { getBilling } from './runtime'
import { syncSubscription } from './sync'
import { LIVE_STATUSES } from './vendorOf'

/**
 * Ends every subscription Stripe still bills the vendor for, at once (no charge for the rest
 * of the period), and saves each as Stripe now holds it. For an account being erased: nobody
 * is left to pay, or to use what is paid for. Returns the Stripe ids it ended.
 */
export const endVendorSubscriptions = async (
  req: PayloadRequest,
  vendorId: number,
): Promise<string[]> => {
  // System read: erasure acts for nobody, and the rows are the vendor's whoever asks.
  const { docs } = await req.payload.find({
    collection: billingSlugs.subscriptions,
    where: { and: [{ vendor: { equals: vendorId } }, { status: { in: LIVE_STATUSES } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const driver = getBilling(req.payload)
  const ended: string[] = []
  for (const subscription of docs as Subscription[]) {
    await syncSubscription(req, await driver.cancelNow(subscription.stripeSubscriptionId))
    ended.push(subscription.stripeSubscriptionId)
  }
  return ended
}
