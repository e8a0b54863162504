import type { Endpoint } from 'payload'

import { guarded, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { serverUrl } from '@/lib/kit/url'

import { BillingConfigurationError } from '../types'
import { billingOverview, planList } from '../utilities/overview'
import { billingConfig, getBilling } from '../utilities/runtime'
import { signedInVendor, subscriptionsOfVendor } from '../utilities/vendorOf'

/** `GET /api/billing/plans`: the tiers, prices with GST, entitlements, and whether we can sell. */
export const plansEndpoint: Endpoint = {
  path: '/billing/plans',
  method: 'get',
  handler: guarded(async (req) => apiJson(req, planList(req))),
}

/** `POST /api/billing/portal`: a Stripe Billing Portal session for cards, invoices, cancelling. */
export const portalEndpoint: Endpoint = {
  path: '/billing/portal',
  method: 'post',
  handler: guarded(async (req) => {
    const { vendor } = await signedInVendor(req)
    const [latest] = await subscriptionsOfVendor(req, vendor.id)
    if (!latest) {
      throw new RequestError(
        409,
        'NO_BILLING_ACCOUNT',
        'You have no billing account yet: choose a plan first.',
      )
    }
    const session = await getBilling(req.payload)
      .createPortal(latest.stripeCustomerId, serverUrl('/admin/billing'))
      .catch((error: unknown) => {
        if (!(error instanceof BillingConfigurationError)) throw error
        // The operator's fix (run stripe:setup) goes to the log; the vendor is told to wait.
        req.payload.logger.error(error.message)
        throw new RequestError(
          503,
          'BILLING_PORTAL_UNAVAILABLE',
          'The billing portal is not available yet. Please try again later.',
        )
      })
    return apiJson(req, { url: session.url })
  }),
}

/** `GET /api/billing/overview` (admins): vendors and MRR by tier, and late payments. */
export const overviewEndpoint: Endpoint = {
  path: '/billing/overview',
  method: 'get',
  handler: guarded(async (req) => {
    if (!billingConfig(req.payload).access.isAdmin(signedIn(req))) {
      throw new RequestError(403, 'FORBIDDEN', 'Only admins can see billing figures.')
    }
    return apiJson(req, await billingOverview(req))
  }),
}
