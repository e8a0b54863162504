import type { PayloadRequest } from 'payload'

import { signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import type { Subscription, User, Vendor } from '@/payload-types'

import { billingSlugs } from '../collections/slugs'
import { billingConfig } from './runtime'

/** Subscriptions that still bill or can: everything but ended ones. */
export const LIVE_STATUSES = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete']

/** The signed-in vendor and the profile they own, read with their own access. */
export const signedInVendor = async (
  req: PayloadRequest,
): Promise<{ user: User; vendor: Vendor }> => {
  const user = signedIn(req, 'Sign in as a vendor to manage billing.')
  const { access, ownVendor } = billingConfig(req.payload)
  if (!access.isVendor(user)) {
    throw new RequestError(403, 'FORBIDDEN', 'Only vendors have plans to manage.')
  }
  const vendor = await ownVendor(req.payload, user, req)
  if (!vendor) {
    throw new RequestError(409, 'NO_VENDOR_PROFILE', 'Create your vendor profile first.')
  }
  return { user, vendor }
}

/** The vendor's subscriptions as they may see them, newest first. */
export const subscriptionsOfVendor = async (
  req: PayloadRequest,
  vendorId: number,
): Promise<Subscription[]> =>
  (
    await req.payload.find({
      collection: billingSlugs.subscriptions,
      where: { vendor: { equals: vendorId } },
      sort: '-createdAt',
      limit: 50,
      depth: 0,
      user: req.user,
      overrideAccess: false,
      req,
    })
  ).docs
