import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { idOf } from '@/lib/kit/ids'
import type { Booking } from '@/payload-types'
import { syncVendorsToSearch } from '@/plugins/search'

const DAY = `'^\\d{4}-\\d{2}-\\d{2}$'`

/**
 * For the search plugin's date filter: a vendor's confirmed bookings and the busy periods of
 * the calendars they subscribe to, beside the days they blocked, as `"from"`/`"to"` day rows.
 * `$1` is the index's time zone (Pacific/Auckland). Table names are Payload's for `bookings`
 * and the vendors' `externalCalendars` array.
 */
export const busyPeriodsSql = (vendor: string) => `
  SELECT to_char(b.event_date AT TIME ZONE $1::text, 'YYYY-MM-DD') AS "from",
    to_char(b.event_date AT TIME ZONE $1::text, 'YYYY-MM-DD') AS "to"
  FROM bookings b
  WHERE b.vendor_id = ${vendor}.id AND b.status = 'confirmed'
  UNION ALL
  SELECT p->>'from', p->>'to'
  FROM vendors_external_calendars c
  CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(c.busy) = 'array' THEN c.busy ELSE '[]'::jsonb END) p
  WHERE c._parent_id = ${vendor}.id AND p->>'from' ~ ${DAY} AND p->>'to' ~ ${DAY}`

/** A booking made, moved on or removed changes its vendor's busy days: search reads them again. */
export const syncBookedVendor: CollectionAfterChangeHook<Booking> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'create' || doc.status !== previousDoc?.status) {
    const vendorId = doc.vendor ? idOf(doc.vendor) : null
    if (vendorId) await syncVendorsToSearch(req, [vendorId])
  }
  return doc
}

export const syncVendorOfDeletedBooking: CollectionAfterDeleteHook<Booking> = async ({
  doc,
  req,
}) => {
  const vendorId = doc.vendor ? idOf(doc.vendor) : null
  if (vendorId) await syncVendorsToSearch(req, [vendorId])
  return doc
}
