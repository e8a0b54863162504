import type { PayloadRequest } from 'payload'

import { isStaffUser } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { getEnv } from '@/lib/kit/env'

import { hasContactDetails, maskContactDetails } from './rules'

/** Whether this organizer and vendor have a booking; asked once per pair per request. */
const pairHasBooking = async (req: PayloadRequest, organizer: number, vendorOwner: number) => {
  const key = `bookedPair:${organizer}:${vendorOwner}`
  if (typeof req.context[key] === 'boolean') return req.context[key] as boolean
  // System check: whether a booking exists decides masking, whoever is reading.
  const { totalDocs } = await req.payload.count({
    collection: slugs.bookings,
    where: {
      and: [
        { organizer: { equals: organizer } },
        { vendorOwner: { equals: vendorOwner } },
        // Booking and cancelling at once does not unmask a pair.
        { status: { in: ['confirmed', 'completed'] } },
      ],
    },
    overrideAccess: true,
    req,
  })
  req.context[key] = totalDocs > 0
  return totalDocs > 0
}

/**
 * Text from a conversation as the reader may see it: before the pair has a booking, phone
 * numbers and email addresses are masked for everyone but the person who wrote them and staff,
 * so the business stays on the platform. Every path a recipient reads (messages, the thread's
 * preview, in REST, GraphQL, the admin and the site's pages) masks through here.
 */
export const textForReader = async (
  req: PayloadRequest,
  text: string,
  pair: { organizer: number; vendorOwner: number; author?: number },
): Promise<{ text: string; masked: boolean }> => {
  const reader = req.user
  const unmasked = { text, masked: false }
  if (!reader || !getEnv().MESSAGE_CONTACT_MASKING || !hasContactDetails(text)) return unmasked
  if (isStaffUser(reader) || (pair.author !== undefined && pair.author === reader.id))
    return unmasked
  // Without the pair (a reader's `select` left it out) nothing proves a booking: masked.
  const known = Number.isInteger(pair.organizer) && Number.isInteger(pair.vendorOwner)
  if (known && (await pairHasBooking(req, pair.organizer, pair.vendorOwner))) return unmasked
  return { text: maskContactDetails(text), masked: true }
}
