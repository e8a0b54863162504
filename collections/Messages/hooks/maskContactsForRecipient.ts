import type { CollectionAfterReadHook, PayloadRequest } from 'payload'

import { isStaffUser } from '@/access/checkRole'
import { getEnv } from '@/lib/env'
import { idOf } from '@/lib/idOf'
import { maskContactDetails } from '@/lib/messaging/rules'
import type { Message } from '@/payload-types'

/** Whether this organizer and vendor have a booking; asked once per pair per request. */
const pairHasBooking = async (req: PayloadRequest, organizer: number, vendorOwner: number) => {
  const key = `bookedPair:${organizer}:${vendorOwner}`
  if (typeof req.context[key] === 'boolean') return req.context[key] as boolean
  // System check: whether a booking exists decides masking, whoever is reading.
  const { totalDocs } = await req.payload.count({
    collection: 'bookings',
    where: {
      and: [{ organizer: { equals: organizer } }, { vendorOwner: { equals: vendorOwner } }],
    },
    overrideAccess: true,
    req,
  })
  req.context[key] = totalDocs > 0
  return totalDocs > 0
}

/**
 * Before a booking exists, the recipient of a message sees phone numbers and email addresses
 * masked, so the business stays on the platform; the sender and staff see what was written.
 */
export const maskContactsForRecipient: CollectionAfterReadHook<Message> = async ({ doc, req }) => {
  if (!doc.flagged || !doc.body || !req.user || !getEnv().MESSAGE_CONTACT_MASKING) return doc
  if (idOf(doc.sender) === req.user.id || isStaffUser(req.user)) return doc
  if (await pairHasBooking(req, idOf(doc.organizer), idOf(doc.vendorOwner))) return doc
  return { ...doc, body: maskContactDetails(doc.body), masked: true }
}
