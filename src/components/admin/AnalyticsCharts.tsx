'use client'

import type { ReactNode } from 'react'
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import type { AnalyticsWeek } from '@/lib/analytics/platform'
import { card } from '@/lib/kit/AdminViewFrame'

/** Series colours that stay apart for common colour blindness (Okabe–Ito), with the brand teal. */
const COLOURS = ['#0f766e', '#e69f00', '#56b4e9', '#cc79a7', '#009e73'] as const

const weekLabel = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString('en-NZ', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  })

const dollars = (cents: number) => Math.round(cents / 100)

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <figure style={{ ...card, margin: 0, color: 'var(--theme-text)' }}>
      <figcaption style={{ fontWeight: 600 }}>{title}</figcaption>
      {/* Hidden from assistive technology, and kept out of the tab order (no accessibility layer):
          every figure is in the table below the charts. */}
      <div style={{ width: '100%', height: 240 }} aria-hidden="true">
        <ResponsiveContainer>{children as React.ReactElement}</ResponsiveContainer>
      </div>
    </figure>
  )
}

const axes = (
  <>
    <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
    <XAxis dataKey="label" tick={{ fill: 'currentColor', fontSize: 12 }} />
    <YAxis allowDecimals={false} tick={{ fill: 'currentColor', fontSize: 12 }} width={48} />
    <Tooltip />
    <Legend />
  </>
)

/** The analytics page's charts, one per question, over the same weeks. */
export function AnalyticsCharts({ weeks }: { weeks: AnalyticsWeek[] }) {
  const data = weeks.map((week) => ({
    label: weekLabel(week.week),
    organizers: week.signups.organizer,
    vendors: week.signups.vendor,
    staff: week.signups.staff,
    joined: week.vendors.joined,
    published: week.vendors.published,
    verified: week.vendors.verified,
    jobs: week.jobs.posted,
    quotesPerJob: week.jobs.quotesPerJob,
    hoursToFirstQuote: week.jobs.medianHoursToFirstQuote,
    bookings: week.bookings.made,
    reviews: week.reviews.submitted,
    essential: dollars(week.mrrCents.essential),
    showcase: dollars(week.mrrCents.showcase),
    spotlight: dollars(week.mrrCents.spotlight),
  }))
  return (
    <div
      data-testid="analytics-charts"
      style={{
        display: 'grid',
        gap: 16,
        gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
      }}
    >
      <ChartCard title="Sign-ups by role">
        <BarChart data={data} accessibilityLayer={false}>
          {axes}
          <Bar dataKey="organizers" name="Organizers" stackId="role" fill={COLOURS[0]} />
          <Bar dataKey="vendors" name="Vendors" stackId="role" fill={COLOURS[1]} />
          <Bar dataKey="staff" name="Staff" stackId="role" fill={COLOURS[2]} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Vendor profiles created, and of those published and verified">
        <BarChart data={data} accessibilityLayer={false}>
          {axes}
          <Bar dataKey="joined" name="Created" fill={COLOURS[0]} />
          <Bar dataKey="published" name="Published" fill={COLOURS[1]} />
          <Bar dataKey="verified" name="Verified" fill={COLOURS[2]} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Jobs posted and quotes per job">
        <ComposedChart data={data} accessibilityLayer={false}>
          {axes}
          <YAxis
            yAxisId="ratio"
            orientation="right"
            tick={{ fill: 'currentColor', fontSize: 12 }}
            width={36}
          />
          <Bar dataKey="jobs" name="Jobs posted" fill={COLOURS[0]} />
          <Line
            yAxisId="ratio"
            dataKey="quotesPerJob"
            name="Quotes per job"
            stroke={COLOURS[1]}
            strokeWidth={2}
            connectNulls
          />
        </ComposedChart>
      </ChartCard>
      <ChartCard title="Median hours to a first quote">
        <LineChart data={data} accessibilityLayer={false}>
          {axes}
          <Line
            dataKey="hoursToFirstQuote"
            name="Hours"
            stroke={COLOURS[0]}
            strokeWidth={2}
            connectNulls
          />
        </LineChart>
      </ChartCard>
      <ChartCard title="Bookings made and reviews written">
        <BarChart data={data} accessibilityLayer={false}>
          {axes}
          <Bar dataKey="bookings" name="Bookings" fill={COLOURS[0]} />
          <Bar dataKey="reviews" name="Reviews" fill={COLOURS[3]} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Monthly recurring revenue by tier (NZD, before GST)">
        <AreaChart data={data} accessibilityLayer={false}>
          {axes}
          <Area
            dataKey="essential"
            name="Essential"
            stackId="mrr"
            stroke={COLOURS[4]}
            fill={COLOURS[4]}
          />
          <Area
            dataKey="showcase"
            name="Showcase"
            stackId="mrr"
            stroke={COLOURS[1]}
            fill={COLOURS[1]}
          />
          <Area
            dataKey="spotlight"
            name="Spotlight"
            stackId="mrr"
            stroke={COLOURS[0]}
            fill={COLOURS[0]}
          />
        </AreaChart>
      </ChartCard>
    </div>
  )
}
