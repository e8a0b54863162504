import { createLocalReq } from 'payload'

import { slugs } from '@/collections/slugs'
import { getPayloadClient } from '@/lib/payload'
import { nzToday } from '@/lib/marketplace/dates'
import type { User } from '@/payload-types'

import { busyDaysOf } from './busy'
import { addDays, type Day, monthStart } from './days'
import { calendarOf } from './service'

/** How many months the vendor page and the calendar page show at once. */
export const MONTHS_SHOWN = 3

/** The first day of each month shown from `first`, and the last day shown. */
export const monthsFrom = (first: Day) => ({
  months: Array.from({ length: MONTHS_SHOWN }, (_, i) => monthStart(first, i)),
  to: addDays(monthStart(first, MONTHS_SHOWN), -1),
})

/**
 * The vendor page's availability: the busy days of the coming months, busy or free only (the
 * same answer `GET /api/vendors/:id/availability` gives anyone), for a vendor the page shows.
 */
export const availabilityForPage = async (vendorId: number) => {
  const payload = await getPayloadClient()
  const from = nzToday()
  const { months, to } = monthsFrom(monthStart(from))
  const busy = await busyDaysOf(await createLocalReq({}, payload), vendorId, from, to)
  return { today: from, months, busy: Object.keys(busy) }
}

/** The signed-in vendor's calendar from the month of `first`, through the same code as the API. */
export const ownCalendar = async (user: User, first: Day) => {
  const payload = await getPayloadClient()
  const req = await createLocalReq({ user: { ...user, collection: slugs.users } }, payload)
  const { docs } = await payload.find({
    collection: slugs.vendors,
    where: { owner: { equals: user.id } },
    limit: 1,
    depth: 0,
    select: { businessName: true },
    user,
    overrideAccess: false,
  })
  const vendor = docs[0]
  if (!vendor) return null
  const { months, to } = monthsFrom(first)
  req.query = { from: months[0]!, to }
  return { vendorId: vendor.id, months, ...(await calendarOf(req, vendor.id)) }
}
