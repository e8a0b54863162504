import path from 'node:path'

import {
  type CollectionSlug,
  createLocalReq,
  type DataFromCollectionSlug,
  Forbidden,
  type Payload,
  type PayloadRequest,
  type Where,
} from 'payload'

import { slugs } from '@/collections/slugs'
import { type FileStore, fileStoreFromEnv, type StoredCollection } from '@/lib/files/store'
import { getEnv } from '@/lib/kit/env'
import type { User } from '@/payload-types'

import { withoutSecrets } from './secrets'

/** One JSON file of the export and the sentence README.txt says about it. */
export type ExportSection = { file: string; about: string; items: unknown[] }

/** A stored file copied into the ZIP, read from wherever uploads are kept (disk or bucket). */
export type ExportedFile = { zipPath: string; collection: StoredCollection; filename: string }

export type PersonalData = {
  account: Record<string, unknown>
  sections: ExportSection[]
  files: ExportedFile[]
}

// Payload's billing plugin names its collections so; only its index may be imported.
const SUBSCRIPTIONS = 'subscriptions' as const
const PAYMENTS = 'payments' as const

type Reader = { payload: Payload; req: PayloadRequest; user: User }

/**
 * Every row of `collection` that `where` selects and the person may read themselves: their own
 * access (`overrideAccess: false`) decides, so the export shows what the site shows them,
 * contact details masked as their conversations mask them. `where` keeps it to their own rows
 * even for an admin, who may read everyone's.
 */
const readOwn = async <S extends CollectionSlug>(
  { payload, req, user }: Reader,
  collection: S,
  where: Where,
): Promise<DataFromCollectionSlug<S>[]> => {
  const docs: DataFromCollectionSlug<S>[] = []
  for (let page = 1; ; page += 1) {
    const query = { collection, where, depth: 0, limit: 200, page, sort: 'id', req } as const
    const result = await payload
      .find({ ...query, user, overrideAccess: false })
      .catch(async (error: unknown) => {
        if (!(error instanceof Forbidden)) throw error
        // System read: rows that are theirs but their role no longer lets them open (a vendor
        // who became an organizer and their verification documents); `where` keeps it to them.
        return payload.find({ ...query, overrideAccess: true })
      })
    docs.push(...(result.docs as DataFromCollectionSlug<S>[]))
    if (!result.hasNextPage) return docs
  }
}

const partyTo = (id: number): Where => ({
  or: [{ organizer: { equals: id } }, { vendorOwner: { equals: id } }],
})

const ids = (docs: { id: number }[]) => docs.map((doc) => doc.id)

/** The rows of `collection` whose `field` is one of `values`, read as `readOwn` reads; none for none. */
const readOwnAmong = async <S extends CollectionSlug>(
  reader: Reader,
  collection: S,
  field: string,
  values: number[],
): Promise<DataFromCollectionSlug<S>[]> =>
  values.length ? readOwn(reader, collection, { [field]: { in: values } }) : []

type UploadDoc = { id: number; filename?: string | null }

/**
 * The person's uploads with the place of each file in the ZIP (`fileInZip`, null when the file
 * is missing from storage), and the files to copy.
 */
const withFiles = async <T extends UploadDoc>(
  store: FileStore,
  docs: T[],
  collection: StoredCollection,
) => {
  const files: ExportedFile[] = []
  const items = []
  for (const doc of docs) {
    const filename = doc.filename ? path.basename(doc.filename) : null
    if (!filename || (await store.size(collection, filename)) === null) {
      items.push({ ...doc, fileInZip: null })
      continue
    }
    const zipPath = `files/${collection}/${doc.id}-${filename}`
    files.push({ zipPath, collection, filename })
    items.push({ ...doc, fileInZip: zipPath })
  }
  return { items, files }
}

/**
 * Everything Event Pros NZ holds about one person, read for the ZIP: their account without its
 * secrets, and each kind of record in a section of its own (an empty list where they have none,
 * so every export has the same files). Nothing of anyone else's but the other side of their
 * conversations, with contact details masked as the person sees them.
 */
export const gatherPersonalData = async (
  payload: Payload,
  userId: number,
): Promise<PersonalData> => {
  // System read: whose data this is; the job that builds it runs as nobody.
  const subject = (await payload.findByID({
    collection: slugs.users,
    id: userId,
    depth: 0,
    overrideAccess: true,
  })) as User
  const user = { ...subject, collection: slugs.users } as User
  const req = await createLocalReq({ user }, payload)
  const reader: Reader = { payload, req, user }
  const store = fileStoreFromEnv(getEnv())

  const account = (await payload.findByID({
    collection: slugs.users,
    id: userId,
    depth: 0,
    user,
    overrideAccess: false,
    req,
  })) as unknown as Record<string, unknown>

  // System read of ids only: filtering vendors on `owner` is a vendor's or staff's query, and the
  // person may be an organizer who once had a profile. The profiles are then read as they may.
  const ownedVendors = await payload.find({
    collection: slugs.vendors,
    where: { owner: { equals: userId } },
    select: {},
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  const vendors = await readOwnAmong(reader, slugs.vendors, 'id', ids(ownedVendors.docs))
  const jobs = await readOwn(reader, slugs.jobs, { organizer: { equals: userId } })
  const quotes = await readOwn(reader, slugs.applications, partyTo(userId))
  const bookings = await readOwn(reader, slugs.bookings, partyTo(userId))
  const savedLists = await readOwn(reader, slugs.savedLists, { owner: { equals: userId } })
  const webhookEndpoints = await readOwn(reader, slugs.webhookEndpoints, {
    owner: { equals: userId },
  })
  const invitations = await readOwn(reader, slugs.invitations, partyTo(userId))
  const threads = await readOwn(reader, slugs.threads, partyTo(userId))
  const messages = await readOwnAmong(reader, slugs.messages, 'thread', ids(threads))
  const conversations = threads.map((thread) => ({
    ...thread,
    messages: messages.filter((message) => message.thread === thread.id),
  }))
  const reviewsWritten = await readOwn(reader, slugs.reviews, { organizer: { equals: userId } })
  const reviewsReceived = await readOwn(reader, slugs.reviews, { vendorOwner: { equals: userId } })
  const responses = await readOwnAmong(
    reader,
    slugs.reviewResponses,
    'review',
    ids([...reviewsWritten, ...reviewsReceived]),
  )
  const withResponse = <R extends { id: number }>(review: R) => ({
    ...review,
    response: responses.find((response) => response.review === review.id) ?? null,
  })
  const documents = await withFiles(
    store,
    await readOwn(reader, slugs.verificationDocuments, { owner: { equals: userId } }),
    slugs.verificationDocuments,
  )
  const media = await withFiles(
    store,
    await readOwn(reader, slugs.media, { owner: { equals: userId } }),
    slugs.media,
  )
  const attachments = await withFiles(
    store,
    await readOwn(reader, slugs.messageAttachments, { uploader: { equals: userId } }),
    slugs.messageAttachments,
  )
  const subscriptions = await readOwn(reader, SUBSCRIPTIONS, { owner: { equals: userId } })
  const payments = await readOwn(reader, PAYMENTS, { owner: { equals: userId } })
  const exports = await readOwn(reader, slugs.dataExports, { user: { equals: userId } })
  const audit = await auditEntriesAbout(payload, userId, {
    [slugs.vendors]: ids(vendors),
    [slugs.verificationDocuments]: ids(documents.items),
    [slugs.reviews]: ids([...reviewsWritten, ...reviewsReceived]),
    [slugs.messages]: ids(messages),
    [slugs.messageAttachments]: ids(attachments.items),
    [slugs.dataExports]: ids(exports),
  })

  const sections: ExportSection[] = [
    {
      file: 'vendor-profile.json',
      about:
        'Your vendor profile as you edit it: business name, description, categories, location, contact details, portfolio and plan. Empty if you are not a vendor.',
      items: vendors,
    },
    {
      file: 'jobs.json',
      about: 'The jobs you posted as an organizer, with their status history.',
      items: jobs,
    },
    {
      file: 'quotes.json',
      about:
        'Quotes you sent as a vendor, and quotes vendors sent on your jobs, with their line items and prices (NZ cents including GST).',
      items: quotes,
    },
    {
      file: 'bookings.json',
      about: 'Your bookings, as organizer or vendor: the job, quote, date and total.',
      items: bookings,
    },
    {
      file: 'invitations.json',
      about:
        'Invitations to quote you sent as an organizer, or received as a vendor: the job, the note, when it was seen and how it was answered.',
      items: invitations,
    },
    {
      file: 'saved-vendors.json',
      about: 'Your saved vendor lists: each name and the vendors on it.',
      items: savedLists,
    },
    {
      file: 'webhook-endpoints.json',
      about:
        'The webhook endpoints you registered as an integrator: each address, its events and description, and whether it is on (never its signing secret).',
      items: webhookEndpoints,
    },
    {
      file: 'conversations.json',
      about:
        'Every conversation you are in, each with all its messages from both sides. Contact details in the other person’s messages are hidden as they are on the site until you have a booking together.',
      items: conversations,
    },
    {
      file: 'reviews-written.json',
      about: 'Reviews you wrote about vendors, with the vendor’s public response.',
      items: reviewsWritten.map(withResponse),
    },
    {
      file: 'reviews-received.json',
      about: 'Reviews organizers wrote about your business, with your response.',
      items: reviewsReceived.map(withResponse),
    },
    {
      file: 'verification-documents.json',
      about:
        'Documents you sent to be verified (NZBN, insurance, licences), with the moderator’s decision. Each file is in files/verification-documents/.',
      items: documents.items,
    },
    {
      file: 'media.json',
      about:
        'Photos and files you uploaded (avatar, portfolio, review photos). Each file is in files/media/.',
      items: media.items,
    },
    {
      file: 'message-attachments.json',
      about: 'Files you sent in messages. Each file is in files/message-attachments/.',
      items: attachments.items,
    },
    {
      file: 'subscriptions.json',
      about: 'Your vendor plan subscriptions, as Stripe reported them to us.',
      items: subscriptions,
    },
    {
      file: 'payments.json',
      about: 'The invoices you were charged for your plan, in NZ cents including GST.',
      items: payments,
    },
    {
      file: 'audit-log.json',
      about:
        'Our audit log entries about your account and business, and the actions you took that it records. The staff member behind an entry is shown by role.',
      items: audit,
    },
  ]
  return {
    account: withoutSecrets(account) as Record<string, unknown>,
    sections,
    files: [...documents.files, ...media.files, ...attachments.files],
  }
}

/**
 * The audit entries about the person: their account, and each of their records an entry names
 * (their vendor profile, documents, reviews, the messages of their conversations, their
 * exports), and those they are the actor of. Staff members' email addresses are someone
 * else's: only the role is kept. Messages named here are those of the person's conversations,
 * including the other side's: what staff did to those is shown without its details.
 */
const auditEntriesAbout = async (
  payload: Payload,
  userId: number,
  records: Partial<Record<CollectionSlug, number[]>>,
) => {
  const targets: Where[] = Object.entries({ ...records, [slugs.users]: [userId] })
    .filter(([, recordIds]) => recordIds && recordIds.length > 0)
    .map(([collection, recordIds]) => ({
      targetCollection: { equals: collection },
      targetId: { in: recordIds!.map(String) },
    }))
  // System read: the audit log is for admins only, yet the entries about a person are theirs.
  const { docs } = await payload.find({
    collection: slugs.auditLog,
    where: { or: [{ actorId: { equals: userId } }, ...targets] },
    depth: 0,
    pagination: false,
    sort: 'createdAt',
    overrideAccess: true,
  })
  const aboutTheirOwn = (entry: (typeof docs)[number]) =>
    (entry.targetCollection === slugs.users && entry.targetId === String(userId)) ||
    (records[entry.targetCollection as CollectionSlug] ?? [])
      .map(String)
      .includes(String(entry.targetId))
  // An allow-list, never the whole row: `details` holds staff-only values (a profile's
  // internal notes, who reported a review, before → after copies of staff edits), and what a
  // staff member did to someone else's records is that person's, not theirs to take away.
  return docs.map((entry) => {
    const byThem = entry.actorId === userId
    const about = aboutTheirOwn(entry)
    const summary =
      !about && byThem
        ? null
        : entry.actorEmail && !byThem
          ? entry.summary.split(entry.actorEmail).join(`the ${entry.actorRole ?? 'staff'}`)
          : entry.summary
    return {
      at: entry.createdAt,
      action: entry.action,
      by: byThem ? 'you' : (entry.actorRole ?? 'system'),
      targetCollection: entry.targetCollection,
      targetId: entry.targetId ?? null,
      summary,
    }
  })
}
