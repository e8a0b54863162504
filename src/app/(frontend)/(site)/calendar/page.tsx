import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { CalendarFeed } from '@/components/calendar/CalendarFeed'
import { CalendarMonths } from '@/components/calendar/CalendarMonths'
import { CalendarSubscriptions } from '@/components/calendar/CalendarSubscriptions'
import { monthStart } from '@/lib/calendar/days'
import { MAX_EXTERNAL_CALENDARS } from '@/lib/calendar/limits'
import { MONTHS_SHOWN, ownCalendar } from '@/lib/calendar/queries'
import { nzToday } from '@/lib/marketplace/dates'
import { getCurrentUser } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Calendar' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `?month=2027-03`: the first month shown, from this month up to a year ahead. */
const firstMonth = (param: string | undefined, today: string) => {
  const current = monthStart(today)
  const asked = /^\d{4}-(0[1-9]|1[0-2])$/.test(param ?? '') ? `${param}-01` : current
  const last = monthStart(today, 12)
  return asked < current ? current : asked > last ? last : asked
}

/** The vendor's availability: block days, see bookings, and sync with other calendars. */
export default async function CalendarPage({ searchParams }: Props) {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/calendar')
  if (user.role !== 'vendor') redirect('/')
  const today = nzToday()
  const first = firstMonth(firstParam((await searchParams).month), today)
  const calendar = await ownCalendar(user, first)
  if (!calendar) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">Calendar</h1>
        <p className="card p-5">
          <Link href="/account/vendor-profile">Create your vendor profile</Link> first: your
          calendar belongs to it.
        </p>
      </div>
    )
  }
  const monthParam = (day: string) => `/calendar?month=${day.slice(0, 7)}`
  const earlier = monthStart(first, -MONTHS_SHOWN)
  const later = monthStart(first, MONTHS_SHOWN)
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">Calendar</h1>
        <p className="text-gray-700">
          Organizers see which days you are free on your page, and search leaves out vendors who
          have blocked the day. Tap a day to block or free it, or drag across days to do a range.
        </p>
      </header>
      <section className="card flex flex-col gap-4 p-4" aria-labelledby="months-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="months-heading" className="text-lg font-semibold">
            Your availability
          </h2>
          <nav aria-label="Months" className="flex gap-2 text-sm">
            {first > monthStart(today) && (
              <Link
                href={monthParam(earlier < monthStart(today) ? monthStart(today) : earlier)}
                className="btn-secondary min-h-11"
              >
                ← Earlier
              </Link>
            )}
            {later <= monthStart(today, 12) && (
              <Link href={monthParam(later)} className="btn-secondary min-h-11">
                Later →
              </Link>
            )}
          </nav>
        </div>
        <CalendarMonths
          key={first}
          months={calendar.months}
          today={today}
          days={calendar.days}
          editVendorId={calendar.vendorId}
        />
      </section>
      <section className="card flex flex-col gap-3 p-4" aria-labelledby="feed-heading">
        <h2 id="feed-heading" className="text-lg font-semibold">
          Show your bookings in your own calendar
        </h2>
        <CalendarFeed vendorId={calendar.vendorId} hasFeed={calendar.feed} />
      </section>
      <section className="card flex flex-col gap-3 p-4" aria-labelledby="subscriptions-heading">
        <h2 id="subscriptions-heading" className="text-lg font-semibold">
          Block days from another calendar
        </h2>
        <p className="text-sm text-gray-700">
          Add your Google, Outlook or Apple calendar’s private address: days with busy events are
          shown here as “busy elsewhere” (organizers see them as busy, with no details), read again
          every 30 minutes.
        </p>
        <CalendarSubscriptions
          vendorId={calendar.vendorId}
          initial={calendar.subscriptions}
          max={MAX_EXTERNAL_CALENDARS}
        />
      </section>
    </div>
  )
}
