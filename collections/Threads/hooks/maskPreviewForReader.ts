import type { CollectionAfterReadHook } from 'payload'

import { idOf } from '@/lib/kit/ids'
import { textForReader } from '@/lib/messaging/masking'
import type { Thread } from '@/payload-types'

/**
 * The preview is the last message's first 140 characters, stored as written: masked on read
 * like the message itself. The thread does not record who wrote it, so before a booking both
 * sides see contact details in the preview masked; opening the conversation shows the sender
 * their own words.
 */
export const maskPreviewForReader: CollectionAfterReadHook<Thread> = async ({ doc, req }) => {
  if (!doc.lastMessagePreview) return doc
  const { text, masked } = await textForReader(req, doc.lastMessagePreview, {
    organizer: idOf(doc.organizer),
    vendorOwner: idOf(doc.vendorOwner),
  })
  return masked ? { ...doc, lastMessagePreview: text } : doc
}
