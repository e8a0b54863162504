import { createLocalReq, type PayloadRequest } from 'payload'
import { cache } from 'react'

import { slugs } from '@/collections/slugs'
import { idOf } from '@/lib/kit/ids'
import { getPayloadClient } from '@/lib/payload'
import type { User, Vendor } from '@/payload-types'
import { getRealtime, type RealtimeClientConfig } from '@/plugins/realtime'

import { listMessages, listThreads } from './service'

const asUser = async (user: User) =>
  createLocalReq({ user: { ...user, collection: slugs.users } }, await getPayloadClient())

/**
 * The vendor's name for someone already in a conversation with them, also once the profile has
 * left the site (inactive, or erased and renamed "Former member").
 */
const vendorNameFor = async (req: PayloadRequest, vendorId: number): Promise<string> => {
  // System read of the name alone: the reader has talked to this business.
  const vendor = await req.payload.findByID({
    collection: slugs.vendors,
    id: vendorId,
    depth: 0,
    select: { businessName: true },
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  return vendor?.businessName ?? 'Vendor'
}

/** What the browser needs to connect for live updates (no secrets). */
export const realtimeClientConfig = async (): Promise<RealtimeClientConfig> =>
  getRealtime(await getPayloadClient()).clientConfig()

export type InboxThread = {
  id: number
  otherName: string
  preview: string
  lastMessageAt: string | null
  unread: number
}

/** The person's conversations for the inbox, through the same code as the API. */
export const inboxOf = async (user: User): Promise<InboxThread[]> => {
  const req = await asUser(user)
  const threads = await listThreads(req)
  return Promise.all(
    threads.map(async (thread) => ({
      id: thread.id,
      otherName:
        idOf(thread.organizer) === user.id
          ? ((thread.vendor as Vendor | number as Vendor).businessName ??
            (await vendorNameFor(req, idOf(thread.vendor))))
          : (thread.organizerName ?? 'Organizer'),
      preview: thread.lastMessagePreview ?? '',
      lastMessageAt: thread.lastMessageAt ?? null,
      unread: thread.unread ?? 0,
    })),
  )
}

/** Unread messages across the person's conversations: the number on the bell. Cached per request. */
export const unreadMessages = cache(async (user: User): Promise<number> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.threads,
    where: { or: [{ organizer: { equals: user.id } }, { vendorOwner: { equals: user.id } }] },
    pagination: false,
    depth: 0,
    select: { organizer: true, organizerUnread: true, vendorUnread: true },
    user,
    overrideAccess: false,
  })
  return docs.reduce(
    (sum, thread) =>
      sum +
      ((idOf(thread.organizer) === user.id ? thread.organizerUnread : thread.vendorUnread) ?? 0),
    0,
  )
})

/** One conversation and its newest messages, or null when the person is not in it. */
export const conversation = async (threadId: number, user: User) => {
  if (!Number.isInteger(threadId) || threadId < 1) return null
  const req = await asUser(user)
  try {
    const { thread, messages } = await listMessages(req, threadId, { limit: 100 })
    const vendor = await req.payload.findByID({
      collection: slugs.vendors,
      id: idOf(thread.vendor),
      depth: 0,
      user,
      overrideAccess: false,
      disableErrors: true,
      req,
    })
    const otherName =
      idOf(thread.organizer) === user.id
        ? (vendor?.businessName ?? (await vendorNameFor(req, idOf(thread.vendor))))
        : (thread.organizerName ?? 'Organizer')
    return { thread, messages, otherName, vendorSlug: vendor?.slug ?? null }
  } catch {
    return null
  }
}
