import type { Endpoint } from 'payload'
import { z } from 'zod'

import { guarded, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { serverUrl } from '@/lib/kit/url'

import { BillingConfigurationError } from '../types'
import { type BillingOverview, billingOverview, planList } from '../utilities/overview'
import { billingConfig, getBilling } from '../utilities/runtime'
import { type Tier, TIER_DEFINITIONS } from '../utilities/tiers'
import { signedInVendor, subscriptionsOfVendor } from '../utilities/vendorOf'
import type { Contract } from './contract'

const TierValue = z.enum(TIER_DEFINITIONS.map((tier) => tier.value) as [Tier, ...Tier[]])

const Cents = z.number().int()

/** What `planList` answers: the whole body, not an envelope. */
const PlanList = z.object({
  configured: z
    .boolean()
    .describe('Whether Stripe is set up on this site, so a plan can be bought.'),
  currency: z.literal('nzd'),
  gstRate: z.number().describe('GST as a fraction (0.15).'),
  tiers: z.array(
    z.object({
      value: TierValue,
      label: z.string(),
      summary: z.string(),
      monthly: z
        .object({ netCents: Cents, gstCents: Cents, grossCents: Cents })
        .describe('The monthly price in NZ cents, before GST, the GST, and with GST.'),
      entitlements: z.object({
        portfolioImages: z.number().int(),
        quotesPerMonth: z.number().int().nullable().describe('`null` for no limit.'),
        searchBoost: z.number(),
        badge: z.string().nullable(),
        featuredOnHome: z.boolean(),
      }),
    }),
  ),
}) satisfies z.ZodType<ReturnType<typeof planList>>

/** `BillingOverview`, the whole body. */
const BillingOverviewSchema = z.object({
  tiers: z.array(
    z.object({
      tier: TierValue,
      label: z.string(),
      vendors: z.number().int(),
      subscriptions: z.number().int(),
      mrrCents: Cents,
    }),
  ),
  mrrCents: Cents.describe('Monthly recurring revenue before GST, in NZ cents.'),
  doubleBilled: z
    .array(
      z.object({
        vendorId: z.number().int(),
        vendorName: z.string(),
        subscriptionIds: z.array(z.number().int()),
      }),
    )
    .describe('Vendors paying for more than one live subscription: cancel and refund one.'),
  pastDue: z.array(
    z.object({
      subscriptionId: z.number().int(),
      vendorId: z.number().int(),
      vendorName: z.string(),
      tier: TierValue.nullable(),
      status: z.string(),
      pastDueSince: z.string().nullable(),
      graceEndsAt: z.string().nullable(),
      downgraded: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<BillingOverview>

/** `GET /api/billing/plans`: the tiers, prices with GST, entitlements, and whether we can sell. */
export const plansEndpoint: Endpoint = {
  path: '/billing/plans',
  method: 'get',
  handler: guarded(async (req) => apiJson(req, planList(req))),
  custom: {
    openapi: {
      summary: 'List the plans',
      description:
        'The tiers with their monthly prices (before and with GST) and what each gives a vendor. `configured` is false while Stripe is not set up: plans cannot be bought then.',
      caller: 'public',
      response: PlanList,
    } satisfies Contract,
  },
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
  custom: {
    openapi: {
      summary: 'Open the Stripe billing portal',
      description:
        "A Stripe Billing Portal session for the vendor's cards, invoices and cancelling; it returns to the admin's Billing view. 409 `NO_BILLING_ACCOUNT` before the vendor has chosen a plan, 503 `BILLING_PORTAL_UNAVAILABLE` while Stripe is not set up.",
      caller: 'vendor',
      response: z.object({ url: z.url().describe("The portal session's address.") }),
    } satisfies Contract,
  },
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
  custom: {
    openapi: {
      summary: 'Billing figures',
      description:
        'Vendors and monthly recurring revenue (before GST) by tier, subscriptions whose payment is late, and any vendor billed twice.',
      caller: 'admin',
      response: BillingOverviewSchema,
    } satisfies Contract,
  },
}
