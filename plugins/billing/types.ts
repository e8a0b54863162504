import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import type { User, Vendor } from '@/payload-types'

import type { Tier } from './utilities/tiers'

/** A subscription as the billing provider holds it now, in our terms. */
export type RemoteSubscription = {
  id: string
  customerId: string
  /** Stripe's status: `active`, `trialing`, `past_due`, `unpaid`, `canceled`, `incomplete`… */
  status: string
  /** The tier of its price (by lookup key), or null for a price that is not one of ours. */
  tier: Tier | null
  priceId: string | null
  itemId: string | null
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  /** From the metadata Checkout wrote: the vendor this subscription pays for. */
  vendorId: number | null
}

/** An invoice, paid or not, in our terms: amounts in NZ cents. */
export type RemoteInvoice = {
  id: string
  customerId: string | null
  subscriptionId: string | null
  status: string | null
  totalCents: number
  taxCents: number
  currency: string
  number: string | null
  hostedUrl: string | null
  pdfUrl: string | null
  /** The paid PaymentIntent that settled it, if any. */
  paymentIntentId: string | null
  /**
   * What that PaymentIntent took for this invoice: less than `totalCents` when a credit balance
   * paid part of it, and the most a refund of it can return.
   */
  paidCents: number
  /** What the customer's credit balance paid of it, which a refund to the card cannot return. */
  creditAppliedCents: number
  periodStart: Date | null
  periodEnd: Date | null
  created: Date
}

/** A verified webhook event: `object` is the event's `data.object` as sent. */
export type BillingEvent = {
  id: string
  type: string
  /** When the provider created the event (seconds since the epoch). */
  created: number
  object: Record<string, unknown> & { id?: string; object?: string }
}

export type CheckoutRequest = {
  tier: Tier
  vendorId: number
  email: string
  /** The customer of an earlier subscription, so one vendor stays one customer. */
  customerId?: string | null
  successUrl: string
  cancelUrl: string
}

export type CatalogReport = { created: string[]; updated: string[]; unchanged: string[] }

/**
 * The billing provider. Drivers: Stripe (through the official SDK) and the embedded default,
 * which has no provider: it says so and refuses everything that would take money.
 */
export interface BillingDriver {
  readonly name: 'stripe' | 'unconfigured'
  readonly configured: boolean
  createCheckout(request: CheckoutRequest): Promise<{ id: string; url: string }>
  createPortal(customerId: string, returnUrl: string): Promise<{ url: string }>
  retrieveSubscription(id: string): Promise<RemoteSubscription>
  /** Moves the subscription to `tier`'s price; upgrades invoice the difference now. */
  changeTier(subscription: RemoteSubscription, tier: Tier): Promise<RemoteSubscription>
  setCancelAtPeriodEnd(id: string, cancel: boolean): Promise<RemoteSubscription>
  cancelNow(id: string): Promise<RemoteSubscription>
  retrieveInvoice(id: string): Promise<RemoteInvoice>
  /**
   * Refunds `amountCents` of what the PaymentIntent took, or all that is left of it when null.
   * `note` is kept with the refund; `kind` is Stripe's reason (a duplicate charge, or asked
   * for); the same `idempotencyKey` within a day returns the first refund instead of a second.
   * Throws `RefundRefusedError` when Stripe refuses it (more than is left, already refunded).
   */
  refund(
    paymentIntentId: string,
    amountCents: number | null,
    note: string | null,
    kind?: 'requested_by_customer' | 'duplicate',
    idempotencyKey?: string,
  ): Promise<{ id: string; status: string; amountCents: number }>
  /**
   * Gives `amountCents` back to the customer's credit balance, for the next invoice: how a
   * payment made from credit is returned. The same `idempotencyKey` within a day does it once.
   */
  returnCredit(
    customerId: string,
    amountCents: number,
    note: string,
    idempotencyKey: string,
  ): Promise<void>
  /** Checks the signature over the raw body; throws `WebhookSignatureError` if it does not match. */
  verifyWebhook(rawBody: string, signature: string): BillingEvent
  /** Creates or updates the products, prices and GST rate; safe to run again. */
  ensureCatalog(): Promise<CatalogReport>
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookSignatureError'
  }
}

/** The signed-in user as the app's access rules see them. */
export type BillingUser = User | null | undefined

/**
 * Who may do what with billing, in the app's own terms (roles, two-step sign-in): the plugin
 * asks, it does not look at roles itself.
 */
export type BillingAccess = {
  /** Sees every subscription, payment and billing event and the figures; refunds; ends plans at once. */
  isAdmin: (user: BillingUser) => boolean
  /** Reads a payment's Stripe payment intent. */
  isStaff: (user: BillingUser) => boolean
  /** Has a plan of their own to manage: Checkout, the Billing Portal, their payments. */
  isVendor: (user: BillingUser) => boolean
}

/** An entry for the app's audit log: what billing did, and to which document. */
export type BillingAuditEntry = {
  /** As `noun.verb`: `vendor.tier-sync`, `payment.refund`, `subscription.duplicate-undone`. */
  action: string
  targetCollection: string
  targetId?: string | number | null
  summary: string
  details?: Record<string, unknown>
}

export type BillingPluginConfig = {
  /** Creates the driver once Payload has started. */
  driver: (payload: Payload) => BillingDriver
  access: BillingAccess
  /**
   * The vendor profile `user` owns, read with their own access, or null if they have none: the
   * profile a vendor's plan belongs to.
   */
  ownVendor: (payload: Payload, user: User, req?: PayloadRequest) => Promise<Vendor | null>
  /**
   * Records an entry in the app's audit log, in the request's transaction: every change of
   * tier, every refund, every duplicate subscription undone.
   */
  recordAudit: (req: PayloadRequest, entry: BillingAuditEntry) => Promise<void>
  /**
   * The app's collections billing refers to: the users who own vendors and pay, and the
   * vendors whose tier the plan sets (they need `owner`, `tier` and `businessName` fields).
   * @default { users: 'users', vendors: 'vendors' }
   */
  slugs?: { users?: CollectionSlug; vendors?: CollectionSlug }
  /**
   * Days a past-due subscription keeps its tier before the vendor drops to Essential.
   * @default 7
   */
  graceDays?: number
  /**
   * The cron of the task that ends lapsed grace periods, or false to leave it to the caller.
   * @default '0 20 * * * *'
   */
  graceCron?: string | false
  /**
   * Keeps the collections, fields and endpoints (so migrations stay stable) but answers every
   * billing action as not configured.
   * @default false
   */
  disabled?: boolean
}

export type SanitizedBillingPluginConfig = Required<Omit<BillingPluginConfig, 'slugs'>> & {
  slugs: { users: CollectionSlug; vendors: CollectionSlug }
}

/** The provider refused a refund (more than the payment has left, already refunded). */
export class RefundRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RefundRefusedError'
  }
}

/** The provider is set up wrongly (no prices yet, a missing rate): an operator must act. */
export class BillingConfigurationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BillingConfigurationError'
  }
}
