import { APIError, type CollectionBeforeChangeHook, type CollectionConfig } from 'payload'

import { admins, fixedAfterCreate, nobody, signedIn } from '@/access/rules'
import { idOf } from '@/lib/kit/ids'
import { auditStaffFileRead, auditStaffReads } from '@/lib/trust/auditReads'
import type { MessageAttachment } from '@/payload-types'

import { MEDIA_MIME_TYPES } from '../Media'
import { slugs } from '../slugs'
import { conversationParties } from '../Threads/access'

/** An attachment belongs to a thread its uploader is in; the thread's two sides may read it. */
const placeInThread: CollectionBeforeChangeHook<MessageAttachment> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  const threadId = Number(idOf(data.thread))
  const thread = Number.isInteger(threadId)
    ? await req.payload.findByID({
        collection: slugs.threads,
        id: threadId,
        depth: 0,
        user: req.user,
        overrideAccess: false,
        disableErrors: true,
        req,
      })
    : null
  if (!thread)
    throw new APIError('Attach files to a conversation you are in.', 400, undefined, true)
  return {
    ...data,
    thread: thread.id,
    organizer: idOf(thread.organizer),
    vendorOwner: idOf(thread.vendorOwner),
    uploader: req.user?.id,
  }
}

/**
 * Files sent in messages: private, served (also by direct file URL) only to the two people in
 * the conversation and admins. Images and PDFs up to the upload limit.
 */
export const MessageAttachments: CollectionConfig<'message-attachments'> = {
  slug: slugs.messageAttachments,
  admin: { group: 'Messages', hidden: true },
  access: {
    read: conversationParties,
    create: signedIn,
    update: nobody,
    delete: admins,
  },
  hooks: {
    beforeChange: [placeInThread],
    afterOperation: [auditStaffReads('message-attachments')],
  },
  // Stored under PRIVATE_FILES_DIR with generated names: filesPlugin in payload.config.ts.
  upload: {
    handlers: [auditStaffFileRead],
    mimeTypes: MEDIA_MIME_TYPES,
  },
  fields: [
    {
      name: 'thread',
      type: 'relationship',
      relationTo: slugs.threads,
      required: true,
      index: true,
    },
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: fixedAfterCreate,
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: fixedAfterCreate,
    },
    {
      name: 'uploader',
      type: 'relationship',
      relationTo: slugs.users,
      access: fixedAfterCreate,
    },
  ],
  timestamps: true,
}
