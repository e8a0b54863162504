import type { Metadata } from 'next'
import Link from 'next/link'

import { getPayloadClient } from '@/lib/payload'
import type { User } from '@/payload-types'
import {
  actionFor,
  entitlementLines,
  getBilling,
  NOT_CONFIGURED_MESSAGE,
  priceLine,
  TIER_DEFINITIONS,
  vendorBillingState,
} from '@/plugins/billing'
import { PlanButton } from '@/plugins/billing/client'

export const pricingMetadata: Metadata = {
  title: 'Plans for vendors',
  description:
    'Essential is free. Showcase and Spotlight give more photos, more quotes and more reach.',
}

/**
 * `/pricing`: the three tiers with GST, and for a signed-in vendor the way to change theirs.
 * With no user, the same for every anonymous visitor (`cached/pricing`).
 */
export async function PricingView({ user }: { user: User | null }) {
  const payload = await getPayloadClient()
  const configured = getBilling(payload).configured
  const state = await vendorBillingState(payload, user)
  const current = state?.vendor.tier ?? null
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">Plans for vendors</h1>
        <p className="text-gray-600">
          Prices in NZ dollars, billed monthly. GST (15%) is added and shown on every invoice.
          Cancel any time; your plan runs to the end of the month you paid for.
        </p>
      </header>
      {!configured && (
        <p
          role="status"
          data-testid="billing-not-configured"
          className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900"
        >
          {NOT_CONFIGURED_MESSAGE}
        </p>
      )}
      <ul className="grid gap-4 md:grid-cols-3">
        {TIER_DEFINITIONS.map((tier) => {
          const action =
            configured && state && current ? actionFor(tier.value, current, state.live) : null
          return (
            <li
              key={tier.value}
              className="card flex flex-col gap-3 p-5"
              data-testid={`plan-${tier.value}`}
            >
              <h2 className="text-xl font-semibold">
                {tier.label}
                {tier.value === current && (
                  <span className="ml-2 rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-800">
                    Your plan
                  </span>
                )}
              </h2>
              <p className="font-semibold">{priceLine(tier.value)}</p>
              <p className="text-gray-600">{tier.summary}</p>
              <ul className="list-disc pl-5 text-sm">
                {entitlementLines(tier.value).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <div className="mt-auto">
                {action ? (
                  <PlanButton
                    action={action}
                    label={
                      action.kind === 'change' ? `Move to ${tier.label}` : `Choose ${tier.label}`
                    }
                    className="btn w-full"
                  />
                ) : !user ? (
                  <Link className="btn-secondary block text-center" href="/signup?role=vendor">
                    List your business
                  </Link>
                ) : null}
              </div>
            </li>
          )
        })}
      </ul>
      {state && (
        <p className="text-sm text-gray-600">
          Cards, invoices and payments are in <a href="/admin/billing">Billing</a> in your business
          admin.
        </p>
      )}
    </div>
  )
}
