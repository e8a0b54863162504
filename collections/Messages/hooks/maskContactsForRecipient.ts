import type { CollectionAfterReadHook } from 'payload'

import { idOf } from '@/lib/kit/ids'
import { textForReader } from '@/lib/messaging/masking'
import type { Message } from '@/payload-types'

/** The recipient of a message sees contact details masked until the pair has a booking. */
export const maskContactsForRecipient: CollectionAfterReadHook<Message> = async ({ doc, req }) => {
  if (!doc.flagged || !doc.body) return doc
  const { text, masked } = await textForReader(req, doc.body, {
    organizer: idOf(doc.organizer),
    vendorOwner: idOf(doc.vendorOwner),
    author: idOf(doc.sender),
  })
  return masked ? { ...doc, body: text, masked } : doc
}
