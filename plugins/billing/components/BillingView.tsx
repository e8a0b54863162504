import type { AdminViewServerProps, PayloadRequest } from 'payload'

import { AdminViewFrame, card, muted } from '@/lib/kit/AdminViewFrame'
import { formatCents } from '@/lib/kit/money'
import type { Payment, User } from '@/payload-types'

import { billingSlugs } from '../collections/slugs'
import { NOT_CONFIGURED_MESSAGE } from '../drivers/unconfigured'
import { vendorBillingState } from '../utilities/billingState'
import { billingOverview } from '../utilities/overview'
import { billingConfig, getBilling } from '../utilities/runtime'
import { effectiveTier } from '../utilities/sync'
import { type Tier, TIER_DEFINITIONS, tierDefinition } from '../utilities/tiers'
import { PlanButton } from './PlanButton'
import { actionFor, entitlementLines, priceLine } from './planText'

const button: React.CSSProperties = {
  padding: '8px 14px',
  borderRadius: 4,
  border: '1px solid var(--theme-elevation-250)',
  background: 'var(--theme-success-500)',
  color: '#fff',
  fontWeight: 600,
  cursor: 'pointer',
}
const quiet: React.CSSProperties = {
  ...button,
  background: 'var(--theme-elevation-50)',
  color: 'var(--theme-text)',
}
const cell: React.CSSProperties = {
  textAlign: 'left',
  padding: '6px 12px 6px 0',
  borderBottom: '1px solid var(--theme-elevation-100)',
}

const day = (value?: string | null) =>
  value
    ? new Date(value).toLocaleDateString('en-NZ', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'Pacific/Auckland',
      })
    : '—'

function NotConfigured({ children }: { children: React.ReactNode }) {
  return (
    <p
      role="status"
      data-testid="billing-not-configured"
      style={{ ...card, background: 'var(--theme-warning-100)', marginBottom: 16 }}
    >
      {children}
    </p>
  )
}

async function VendorBilling({ req, user }: { req: PayloadRequest; user: User }) {
  const state = await vendorBillingState(req.payload, user, req)
  if (!state) return <p>Create your vendor profile first; your plan belongs to it.</p>
  const { vendor, live } = state
  const payments = await req.payload.find({
    collection: billingSlugs.payments,
    where: { vendor: { equals: vendor.id } },
    sort: '-createdAt',
    limit: 24,
    depth: 0,
    user,
    overrideAccess: false,
    req,
  })
  const configured = getBilling(req.payload).configured
  const current: Tier = vendor.tier ?? 'essential'

  return (
    <>
      {!configured && <NotConfigured>{NOT_CONFIGURED_MESSAGE}</NotConfigured>}
      <section style={card} aria-labelledby="plan-heading">
        <h2 id="plan-heading" style={{ margin: 0 }}>
          Your plan: {tierDefinition(current).label}
        </h2>
        {live ? (
          <>
            <p style={muted}>
              {live.cancelAtPeriodEnd
                ? `Ends on ${day(live.currentPeriodEnd)}; you move to Essential then.`
                : `Renews on ${day(live.currentPeriodEnd)}.`}
            </p>
            {live.status === 'past_due' || live.status === 'unpaid' ? (
              <p role="alert" style={{ margin: 0, color: 'var(--theme-error-500)' }}>
                Your last payment failed.{' '}
                {effectiveTier(live) === live.tier
                  ? `Update your card by ${day(live.graceEndsAt)} to keep ${tierDefinition(live.tier).label}.`
                  : 'Your profile is on Essential until the invoice is paid.'}
              </p>
            ) : null}
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <PlanButton
                action={{ kind: 'portal' }}
                label="Cards, invoices and cancelling"
                style={quiet}
              />
              {live.cancelAtPeriodEnd ? (
                <PlanButton
                  action={{ kind: 'resume', subscriptionId: live.id }}
                  label="Keep my plan"
                  style={quiet}
                />
              ) : (
                <PlanButton
                  action={{ kind: 'cancel', subscriptionId: live.id }}
                  label="Cancel at period end"
                  style={quiet}
                />
              )}
            </div>
          </>
        ) : (
          <p style={muted}>
            {current === 'essential'
              ? 'Essential is free. Choose a plan below for more photos, quotes and reach.'
              : 'Set by Event Pros; no card is on file.'}
          </p>
        )}
      </section>

      <h2 style={{ margin: '24px 0 8px' }}>Plans</h2>
      <p style={muted}>Prices in NZ dollars. GST (15%) is added and shown on every invoice.</p>
      <ul
        style={{
          listStyle: 'none',
          padding: 0,
          display: 'grid',
          gap: 16,
          gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
        }}
      >
        {TIER_DEFINITIONS.map((tier) => {
          const action = configured ? actionFor(tier.value, current, live) : null
          return (
            <li key={tier.value} style={card} data-testid={`plan-${tier.value}`}>
              <h3 style={{ margin: 0 }}>
                {tier.label}
                {tier.value === current ? ' · your plan' : ''}
              </h3>
              <p style={{ margin: 0, fontWeight: 600 }}>{priceLine(tier.value)}</p>
              <p style={muted}>{tier.summary}</p>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {entitlementLines(tier.value).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              {action && (
                <PlanButton
                  action={action}
                  label={
                    action.kind === 'change' ? `Move to ${tier.label}` : `Upgrade to ${tier.label}`
                  }
                  style={button}
                />
              )}
            </li>
          )
        })}
      </ul>

      <h2 style={{ margin: '24px 0 8px' }}>Payments</h2>
      {payments.docs.length === 0 ? (
        <p style={muted}>No payments yet.</p>
      ) : (
        <PaymentTable payments={payments.docs} />
      )}
    </>
  )
}

function PaymentTable({ payments }: { payments: Payment[] }) {
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          {['Date', 'Description', 'Total', 'GST', 'Status', 'Invoice'].map((label) => (
            <th key={label} style={cell}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => (
          <tr key={payment.id}>
            <td style={cell}>{day(payment.paidAt ?? payment.createdAt)}</td>
            <td style={cell}>{payment.description}</td>
            <td style={cell}>{formatCents(payment.amountCents)}</td>
            <td style={cell}>{formatCents(payment.gstCents)}</td>
            <td style={cell}>
              {payment.status.replace('_', ' ')}
              {payment.refundedCents ? ` (${formatCents(payment.refundedCents)} refunded)` : ''}
            </td>
            <td style={cell}>
              {payment.hostedInvoiceUrl ? (
                <a href={payment.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                  {payment.invoiceNumber ?? 'View'}
                </a>
              ) : (
                (payment.invoiceNumber ?? '—')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

async function AdminBilling({ req }: { req: PayloadRequest }) {
  const overview = await billingOverview(req)
  const configured = getBilling(req.payload).configured
  return (
    <>
      {!configured && (
        <NotConfigured>
          Billing is not configured (no Stripe keys): vendors see the plans but cannot buy them. Set
          a vendor&apos;s tier by hand on their profile; every change is in the audit log.
        </NotConfigured>
      )}
      <h2 style={{ margin: '8px 0' }}>
        Monthly recurring revenue: <span data-testid="mrr">{formatCents(overview.mrrCents)}</span>{' '}
        <span style={{ ...muted, fontSize: 14 }}>before GST</span>
      </h2>
      <table style={{ borderCollapse: 'collapse', width: '100%', maxWidth: 720 }}>
        <thead>
          <tr>
            {['Tier', 'Vendors', 'Paying subscriptions', 'MRR'].map((label) => (
              <th key={label} style={cell}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overview.tiers.map((row) => (
            <tr key={row.tier} data-testid={`tier-${row.tier}`}>
              <td style={cell}>{row.label}</td>
              <td style={cell}>{row.vendors}</td>
              <td style={cell}>{row.subscriptions}</td>
              <td style={cell}>{formatCents(row.mrrCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {overview.doubleBilled.length > 0 && (
        <section
          role="alert"
          style={{ ...card, marginTop: 24, borderColor: 'var(--theme-error-500)' }}
        >
          <h2 style={{ margin: 0 }}>Paying twice ({overview.doubleBilled.length})</h2>
          <p style={muted}>
            These vendors finished two Checkouts and have two live subscriptions. End one at once
            and refund its payment.
          </p>
          <ul>
            {overview.doubleBilled.map((row) => (
              <li key={row.vendorId}>
                <a href={`/admin/collections/vendors/${row.vendorId}`}>{row.vendorName}</a>:{' '}
                {row.subscriptionIds.map((id, index) => (
                  <span key={id}>
                    {index > 0 && ', '}
                    <a href={`/admin/collections/subscriptions/${id}`}>subscription {id}</a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 style={{ margin: '24px 0 8px' }}>Past due ({overview.pastDue.length})</h2>
      {overview.pastDue.length === 0 ? (
        <p style={muted}>Every subscription is paid up.</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 8 }}>
          {overview.pastDue.map((row) => (
            <li key={row.subscriptionId} style={card}>
              <strong>
                <a href={`/admin/collections/vendors/${row.vendorId}`}>{row.vendorName}</a> ·{' '}
                {tierDefinition(row.tier).label}
              </strong>
              <span style={muted}>
                Payment failed {day(row.pastDueSince)} ·{' '}
                {row.downgraded
                  ? 'grace period over, moved to Essential'
                  : `keeps the tier until ${day(row.graceEndsAt)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p style={{ ...muted, marginTop: 24 }}>
        <a href="/admin/collections/subscriptions">All subscriptions</a> ·{' '}
        <a href="/admin/collections/payments">All payments</a> (refunds from a payment&apos;s page
        or <code>POST /api/payments/:id/refund</code>)
      </p>
    </>
  )
}

/**
 * `/admin/billing`: a vendor's plan, the plans with GST, and their payments; for admins,
 * vendors and MRR by tier and the payments that are late.
 */
export async function BillingView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const user = req.user as User | null
  const { access } = billingConfig(req.payload)
  return (
    <AdminViewFrame
      initPageResult={initPageResult}
      params={params}
      searchParams={searchParams}
      title="Billing"
    >
      {access.isAdmin(user) ? (
        <AdminBilling req={req} />
      ) : user && access.isVendor(user) ? (
        <VendorBilling req={req} user={user} />
      ) : (
        <p>Billing is for vendors and admins.</p>
      )}
    </AdminViewFrame>
  )
}
