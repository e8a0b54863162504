import type { AdminViewServerProps } from 'payload'

import { checkRole } from '@/access/roles'
import { DEFAULT_WEEKS, platformAnalytics } from '@/lib/analytics/platform'
import { AdminViewFrame, card, muted } from '@/lib/kit/AdminViewFrame'
import type { User } from '@/payload-types'

import { AnalyticsCharts } from './AnalyticsCharts'

const RANGES = [4, 12, 26, 52] as const

const percent = (part: number, whole: number) =>
  whole ? `${Math.round((part / whole) * 100)}%` : '—'

const nzd = (cents: number) =>
  (cents / 100).toLocaleString('en-NZ', {
    style: 'currency',
    currency: 'NZD',
    maximumFractionDigits: 0,
  })

/**
 * `/admin/analytics`: the platform's figures for admins, week by week, counted from the
 * database when the page is asked for (src/lib/analytics/platform.ts). The charts are drawn in
 * the browser (recharts); every figure is also in the table below them.
 */
export async function AnalyticsView({
  initPageResult,
  params,
  searchParams,
}: AdminViewServerProps) {
  const { req } = initPageResult
  const requested = Number(searchParams?.weeks)
  const weeks = (RANGES as readonly number[]).includes(requested) ? requested : DEFAULT_WEEKS
  const allowed = Boolean(req.user) && checkRole(['admin'], req.user as User)
  const analytics = allowed ? await platformAnalytics(req.payload, req.user, { weeks }) : null
  const latest = analytics?.weeks.at(-1)
  return (
    <AdminViewFrame
      initPageResult={initPageResult}
      params={params}
      searchParams={searchParams}
      title="Analytics"
    >
      {!analytics ? (
        <p>Platform analytics are for admins.</p>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
          <nav aria-label="Period" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {RANGES.map((range) => (
              <a
                key={range}
                href={`/admin/analytics?weeks=${range}`}
                aria-current={range === weeks ? 'page' : undefined}
                className={`btn btn--size-small ${range === weeks ? 'btn--style-primary' : 'btn--style-secondary'}`}
                style={{ margin: 0 }}
              >
                {range} weeks
              </a>
            ))}
          </nav>
          <section
            aria-label="Now"
            style={{
              display: 'grid',
              gap: 12,
              gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
            }}
          >
            {[
              ['Vendors', analytics.totals.vendors.toLocaleString('en-NZ')],
              [
                'Published',
                `${analytics.totals.published.toLocaleString('en-NZ')} (${percent(analytics.totals.published, analytics.totals.vendors)})`,
              ],
              [
                'Verified',
                `${analytics.totals.verified.toLocaleString('en-NZ')} (${percent(analytics.totals.verified, analytics.totals.vendors)})`,
              ],
              ['Organizers', analytics.totals.organizers.toLocaleString('en-NZ')],
              ['MRR now', nzd(latest?.mrrCents.total ?? 0)],
            ].map(([label, value]) => (
              <div key={label} style={card}>
                <span style={muted}>{label}</span>
                <strong
                  style={{ fontSize: 22 }}
                  data-testid={`analytics-${String(label).toLowerCase().replace(/\s+/g, '-')}`}
                >
                  {value}
                </strong>
              </div>
            ))}
          </section>
          <section aria-labelledby="funnel-title" style={card}>
            <h2 id="funnel-title" style={{ margin: 0, fontSize: 18 }}>
              Jobs → quotes → bookings, last {weeks} weeks
            </h2>
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="analytics-funnel">
              <li>{analytics.funnel.posted.toLocaleString('en-NZ')} jobs posted</li>
              <li>
                {analytics.funnel.quoted.toLocaleString('en-NZ')} had a quote (
                {percent(analytics.funnel.quoted, analytics.funnel.posted)})
              </li>
              <li>
                {analytics.funnel.booked.toLocaleString('en-NZ')} were booked (
                {percent(analytics.funnel.booked, analytics.funnel.posted)})
              </li>
            </ol>
          </section>
          <AnalyticsCharts weeks={analytics.weeks} />
          <details style={card}>
            <summary>Every figure, week by week</summary>
            <div style={{ overflowX: 'auto' }}>
              <table
                data-testid="analytics-table"
                style={{ borderCollapse: 'collapse', width: '100%' }}
              >
                <thead>
                  <tr>
                    {[
                      'Week of',
                      'Organizers',
                      'Vendors',
                      'Vendors joined',
                      'Published',
                      'Verified',
                      'Jobs',
                      'Quotes per job',
                      'Hours to first quote',
                      'Booked',
                      'Bookings',
                      'Reviews',
                      'MRR',
                    ].map((heading) => (
                      <th key={heading} scope="col" style={{ textAlign: 'left', padding: 4 }}>
                        {heading}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {analytics.weeks.map((week) => (
                    <tr key={week.week}>
                      <th scope="row" style={{ textAlign: 'left', padding: 4, fontWeight: 400 }}>
                        {week.week}
                      </th>
                      {[
                        week.signups.organizer,
                        week.signups.vendor,
                        week.vendors.joined,
                        week.vendors.published,
                        week.vendors.verified,
                        week.jobs.posted,
                        week.jobs.quotesPerJob ?? '—',
                        week.jobs.medianHoursToFirstQuote ?? '—',
                        week.jobs.booked,
                        week.bookings.made,
                        week.reviews.submitted,
                        nzd(week.mrrCents.total),
                      ].map((value, index) => (
                        <td key={index} style={{ padding: 4 }}>
                          {value}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p style={muted}>
            New Zealand weeks, Monday to Sunday; this week so far is the last. Vendors joined counts
            the profiles created that week, with how many of them are published and verified today.
            Quotes and bookings belong to the week their job was posted. MRR is the paid
            subscriptions covering the end of each week, before GST.
          </p>
        </div>
      )}
    </AdminViewFrame>
  )
}
