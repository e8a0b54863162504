import type { ServerProps } from 'payload'

import { checkRole } from '@/access/roles'
import type { User } from '@/payload-types'
import { vendorFigures } from '@/lib/vendorStats/figures'
import { PROFILE_VIEW_DAYS } from '@/lib/vendorStats/profileViews'

const shortcut = { fontWeight: 600, minHeight: 44, display: 'inline-flex', alignItems: 'center' }

/** On the admin dashboard, for vendors: their own figures and the places they work from. */
export async function VendorDashboard({ payload, user }: ServerProps) {
  if (!user || !checkRole(['vendor'], user)) return null
  const figures = await vendorFigures(payload, user as User)
  if (!figures) {
    return (
      <section aria-labelledby="vendor-dashboard" data-testid="vendor-dashboard">
        <h2 id="vendor-dashboard">Welcome to Event Pros</h2>
        <p>
          <a href="/admin/collections/vendors/create">Create your vendor profile</a> to be listed
          and send quotes.
        </p>
      </section>
    )
  }
  const quota = figures.plan.entitlements.quotesPerMonth
  const stats: [string, string][] = [
    [`Profile views (${PROFILE_VIEW_DAYS} days)`, String(figures.profileViews)],
    ['Enquiries', String(figures.enquiries)],
    ['Quotes sent', String(figures.quotesSent)],
    ['Quotes won', String(figures.quotesWon)],
    ['Upcoming bookings', String(figures.bookingsUpcoming)],
    ['Completed bookings', String(figures.bookingsCompleted)],
    ['Response rate', figures.responseRate == null ? 'Not yet' : `${figures.responseRate}%`],
    [
      'Median reply time',
      figures.medianResponseHours == null ? 'Not yet' : `${figures.medianResponseHours} h`,
    ],
    [
      'Rating',
      figures.reviewCount
        ? `${figures.ratingAverage.toFixed(1)} from ${figures.reviewCount} ${figures.reviewCount === 1 ? 'review' : 'reviews'}`
        : 'No reviews yet',
    ],
  ]
  const links: [string, string][] = [
    ['/jobs', 'Job board'],
    ['/quotes', 'My quotes'],
    ['/inbox', 'Inbox'],
    ['/bookings', 'Bookings'],
    ...(figures.slug
      ? ([[`/vendors/${figures.slug}`, 'My public page']] as [string, string][])
      : []),
    [`/admin/collections/vendors/${figures.vendorId}`, 'Edit my profile'],
    ['/admin/billing', 'Your plan'],
  ]
  return (
    <section
      aria-labelledby="vendor-dashboard"
      data-testid="vendor-dashboard"
      className="ep-vendor-dashboard"
    >
      <h2 id="vendor-dashboard">{figures.businessName}</h2>
      <dl className="ep-vendor-dashboard__figures">
        {stats.map(([label, value]) => (
          <div key={label} className="ep-vendor-dashboard__figure" data-testid="vendor-figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p data-testid="vendor-plan">
        Plan: <strong>{figures.plan.label}</strong> —{' '}
        {quota == null ? 'unlimited quotes' : `${quota} quotes a month`},{' '}
        {figures.plan.entitlements.portfolioImages} portfolio images.
      </p>
      <nav aria-label="Your workspace">
        <ul className="ep-vendor-dashboard__links">
          {links.map(([href, label]) => (
            <li key={href}>
              <a href={href} style={shortcut}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  )
}
