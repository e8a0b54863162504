import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { slugs } from '@/collections/slugs'
import { SEND_EMAIL_TASK } from '@/lib/kit/email'
import { moveJob } from '@/lib/marketplace/jobs'
import { actOnQuote, OPEN_QUOTE_STATUSES } from '@/lib/marketplace/quotes'

import { deleteExportsOf } from '../export/cleanup'

import { anonymiseAccountRow } from './accountRow'
import { FORMER_MEMBER, FORMER_ORGANIZER } from './constants'

/** The account being erased: its id and the vendor profile it owns, if any. */
export type ErasureSubject = { id: number; vendorId: number | null }

/**
 * What erasure does to a collection:
 * - `deleted`: the person's rows go, files included;
 * - `anonymised`: the rows stay for someone else, with the person's identity taken out;
 * - `kept`: the rows stay as they are (the law or the other party needs them);
 * - `untouched`: the collection holds nothing about anyone in particular.
 */
export type Fate = 'deleted' | 'anonymised' | 'kept' | 'untouched'

export type ErasureStep = {
  fate: Fate
  /** What happens, in a sentence for the README. */
  what: string
  /** How long what stays is kept, and why. */
  retention?: string
  /** The collection's rows about the person (what the tests check); absent when it has none. */
  rows?: (subject: ErasureSubject) => Where
  /**
   * Does it, inside the erasure's transaction, with the person as `req.user` so the state
   * machine's own operations (and their rules and emails) apply as if they had acted.
   */
  run?: (req: PayloadRequest, subject: ErasureSubject) => Promise<void>
}

const naming = (id: number, ...fields: string[]): Where =>
  fields.length === 1
    ? { [fields[0]!]: { equals: id } }
    : { or: fields.map((field) => ({ [field]: { equals: id } })) }

const queuedEmailsFor = (id: number): Where => ({
  and: [{ taskSlug: { equals: SEND_EMAIL_TASK } }, { 'input.userId': { equals: id } }],
})

// System writes below: erasure acts for nobody, and these fields are written by one part of
// the app only (messaging, trust, the uploaders' hooks), which erasure stands in for.
const systemDelete = async (req: PayloadRequest, collection: CollectionSlug, where: Where) => {
  await req.payload.delete({ collection, where, depth: 0, overrideAccess: true, req })
}

const systemUpdate = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  where: Where,
  data: Record<string, unknown>,
) => {
  await req.payload.update({ collection, where, data, depth: 0, overrideAccess: true, req })
}

/** Quotes still in the running: the vendor's are withdrawn, those on the organizer's open jobs declined. */
const endOpenQuotes = async (req: PayloadRequest, { id }: ErasureSubject) => {
  const open = { status: { in: [...OPEN_QUOTE_STATUSES] } }
  const find = (where: Where) =>
    req.payload.find({
      collection: slugs.applications,
      where: { and: [open, where] },
      pagination: false,
      depth: 0,
      user: req.user,
      overrideAccess: false,
      req,
    })
  for (const quote of (await find({ vendorOwner: { equals: id } })).docs) {
    await actOnQuote(req, quote.id, 'withdraw')
  }
  // A quote on a job that is no longer open is left as the job left it.
  const onOpenJobs = await find({
    and: [{ organizer: { equals: id } }, { 'job.status': { equals: 'published' } }],
  })
  for (const quote of onOpenJobs.docs) await actOnQuote(req, quote.id, 'decline')
}

/** Unbooked jobs close through the state machine; the street address of any not booked goes. */
const closeUnbookedJobs = async (req: PayloadRequest, { id }: ErasureSubject) => {
  const { docs } = await req.payload.find({
    collection: slugs.jobs,
    where: { and: [{ organizer: { equals: id } }, { status: { in: ['draft', 'published'] } }] },
    pagination: false,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
  })
  for (const job of docs) await moveJob(req, job.id, 'closed')
  await systemUpdate(
    req,
    slugs.jobs,
    { and: [{ organizer: { equals: id } }, { status: { not_equals: 'filled' } }] },
    { location: { address: null } },
  )
}

/** Invitations to the vendor still waiting are withdrawn; both sides' notes go. */
const endInvitations = async (req: PayloadRequest, { id }: ErasureSubject) => {
  const at = new Date().toISOString()
  await systemUpdate(
    req,
    slugs.invitations,
    { and: [{ vendorOwner: { equals: id } }, { status: { equals: 'sent' } }] },
    { status: 'withdrawn', closedAt: at },
  )
  await systemUpdate(req, slugs.invitations, naming(id, 'organizer'), { message: null })
  await systemUpdate(req, slugs.invitations, naming(id, 'vendorOwner'), { declineNote: null })
}

/** The profile leaves the site and the search index; the row stays for bookings and payments. */
const retireVendorProfile = async (req: PayloadRequest, { vendorId }: ErasureSubject) => {
  if (vendorId === null) return
  await req.payload.update({
    collection: slugs.vendors,
    id: vendorId,
    data: {
      status: 'inactive',
      businessName: FORMER_MEMBER,
      slug: `former-member-${vendorId}`,
      tagline: null,
      description: null,
      location: { address: null },
      contact: { email: null, phone: null },
      website: null,
      socials: { instagram: null, facebook: null, tiktok: null },
      portfolio: [],
      unavailableDates: [],
      // Subscribed calendars' addresses can hold secrets; the private feed stops working.
      externalCalendars: [],
      calendarFeedTokenHash: null,
      internalNotes: null,
    },
    depth: 0,
    // System write: staff-only fields, and the person is no longer there to edit their profile.
    overrideAccess: true,
    req,
  })
}

/**
 * Every collection and what erasure does to it, run in this order (quotes before the jobs they
 * are on, the account row last). A collection missing here does not type-check.
 */
export const ERASURE_TABLE = {
  applications: {
    fate: 'kept',
    what: 'Open quotes are withdrawn (the vendor’s) or declined with a notice (on the organizer’s open jobs) through the state machine; every quote stays, as the other side’s record and the booking’s basis.',
    retention: '7 years with the booking they led to (financial record); the rest for 3 years.',
    rows: ({ id }) => naming(id, 'vendorOwner', 'organizer'),
    run: endOpenQuotes,
  },
  jobs: {
    fate: 'kept',
    what: 'Draft and open jobs are closed through the state machine; the street address of every job that was not booked is removed.',
    retention: 'Booked jobs with their booking (7 years); the rest 3 years.',
    rows: ({ id }) => naming(id, 'organizer'),
    run: closeUnbookedJobs,
  },
  invitations: {
    fate: 'anonymised',
    what: 'Invitations still waiting end (the organizer’s close with their jobs; those to the vendor are withdrawn), and the notes either side wrote on them are removed; the rows stay as the other side’s record and the vendor’s response figures.',
    retention: '12 months, the window of the response figures.',
    rows: ({ id }) => naming(id, 'organizer', 'vendorOwner'),
    run: endInvitations,
  },
  bookings: {
    fate: 'kept',
    what: 'Kept as they are: the person on them now reads “Former member” (their account row is anonymised).',
    retention: '7 years (financial record, Tax Administration Act 1994).',
    rows: ({ id }) => naming(id, 'organizer', 'vendorOwner'),
  },
  threads: {
    fate: 'anonymised',
    what: 'Kept for the other person; the organizer’s name on it becomes “Former member” (an erased vendor’s business is renamed with the profile).',
    retention: '3 years from the last message.',
    rows: ({ id }) => naming(id, 'organizer', 'vendorOwner'),
    run: (req, { id }) =>
      systemUpdate(
        req,
        slugs.threads,
        { organizer: { equals: id } },
        { organizerName: FORMER_MEMBER },
      ),
  },
  messages: {
    fate: 'kept',
    what: 'Kept for the other person, with the sender shown as “Former member”.',
    retention: '3 years from the last message.',
    rows: ({ id }) => naming(id, 'sender'),
  },
  'message-attachments': {
    fate: 'deleted',
    what: 'Files they sent are deleted from storage; the messages stay without them.',
    rows: ({ id }) => naming(id, 'uploader'),
    run: (req, { id }) => systemDelete(req, slugs.messageAttachments, { uploader: { equals: id } }),
  },
  reviews: {
    fate: 'anonymised',
    what: 'Reviews they wrote stay on the vendor’s record, by “A former organizer”; their photos go with their uploads.',
    retention: 'As long as the vendor’s profile.',
    rows: ({ id }) => naming(id, 'organizer'),
    run: (req, { id }) =>
      systemUpdate(
        req,
        slugs.reviews,
        { organizer: { equals: id } },
        { authorName: FORMER_ORGANIZER },
      ),
  },
  'review-responses': {
    fate: 'deleted',
    what: 'The vendor’s public replies are deleted with their profile.',
    rows: ({ id }) => naming(id, 'vendorOwner'),
    run: (req, { id }) => systemDelete(req, slugs.reviewResponses, { vendorOwner: { equals: id } }),
  },
  'verification-documents': {
    fate: 'deleted',
    what: 'Deleted, files included.',
    rows: ({ id }) => naming(id, 'owner'),
    run: (req, { id }) => systemDelete(req, slugs.verificationDocuments, { owner: { equals: id } }),
  },
  'data-exports': {
    fate: 'deleted',
    what: 'Their data downloads are deleted, ZIP files included (exports an admin made of someone else stay with that person).',
    rows: ({ id }) => naming(id, 'user'),
    run: async (req, { id }) => {
      await deleteExportsOf(req, id)
    },
  },
  vendors: {
    fate: 'anonymised',
    what: 'The profile is set inactive (off the site and out of search) and renamed “Former member”; its description, contact details, links, address, portfolio and staff notes are cleared. The row stays: bookings, quotes and payments refer to it.',
    retention: 'As long as the bookings and payments that refer to it (7 years).',
    rows: ({ id }) => naming(id, 'owner'),
    run: retireVendorProfile,
  },
  media: {
    fate: 'deleted',
    what: 'Everything they uploaded (portfolio, avatar, review photos) is deleted, every size of every file.',
    rows: ({ id }) => naming(id, 'owner'),
    run: (req, { id }) => systemDelete(req, slugs.media, { owner: { equals: id } }),
  },
  subscriptions: {
    fate: 'kept',
    what: 'A live subscription is ended in Stripe at once, before anything else; the rows stay as they are.',
    retention: '7 years (financial record).',
    rows: ({ id, vendorId }) =>
      vendorId === null
        ? naming(id, 'owner')
        : { or: [naming(id, 'owner'), naming(vendorId, 'vendor')] },
  },
  payments: {
    fate: 'kept',
    what: 'Kept as they are: invoices name no one, and the account they point to is anonymised.',
    retention: '7 years (financial record, Tax Administration Act 1994).',
    rows: ({ id }) => naming(id, 'owner'),
  },
  'billing-events': {
    fate: 'untouched',
    what: 'Stripe event ids only; nothing about a person.',
  },
  'webhook-deliveries': {
    fate: 'deleted',
    what: 'The log of events sent to their webhook endpoints is deleted, with the copies of what was sent.',
    rows: ({ id }) => naming(id, 'owner'),
    run: (req, { id }) => systemDelete(req, slugs.webhookDeliveries, naming(id, 'owner')),
  },
  'webhook-endpoints': {
    fate: 'deleted',
    what: 'Their webhook endpoints are deleted: nothing is sent to them again.',
    rows: ({ id }) => naming(id, 'owner'),
    run: (req, { id }) => systemDelete(req, slugs.webhookEndpoints, naming(id, 'owner')),
  },
  'payload-mcp-api-keys': {
    fate: 'deleted',
    what: 'Rows of the MCP plugin’s key collection naming them are deleted (the app issues no MCP keys: assistants use the account’s own API key).',
    rows: ({ id }) => naming(id, 'user'),
    run: (req, { id }) => systemDelete(req, 'payload-mcp-api-keys', naming(id, 'user')),
  },
  'saved-lists': {
    fate: 'deleted',
    what: 'Their saved vendor lists deleted; the vendors on them are never told who saved them.',
    rows: ({ id }) => naming(id, 'owner'),
    run: (req, { id }) => systemDelete(req, slugs.savedLists, naming(id, 'owner')),
  },
  'profile-views': {
    fate: 'untouched',
    what: 'Daily counts of views of a vendor’s page; who looked is never stored (the day’s “already counted” marker in the rate-limit table expires within 24 hours).',
  },
  categories: {
    fate: 'untouched',
    what: 'The site’s categories; nothing about a person.',
  },
  'audit-log': {
    fate: 'kept',
    what: 'Append-only: the entries about them stay as written, and one entry records the erasure (without their address).',
    retention: '7 years.',
    rows: ({ id }): Where => ({
      or: [
        { actorId: { equals: id } },
        {
          and: [
            { targetCollection: { equals: slugs.users } },
            { targetId: { equals: String(id) } },
          ],
        },
      ],
    }),
  },
  'payload-jobs': {
    fate: 'deleted',
    what: 'Emails still queued for them are dropped.',
    rows: ({ id }) => queuedEmailsFor(id),
    run: (req, { id }) => systemDelete(req, 'payload-jobs', queuedEmailsFor(id)),
  },
  'payload-locked-documents': {
    fate: 'deleted',
    what: 'Their admin edit locks are released.',
    rows: ({ id }) => ({ 'user.value': { equals: id } }),
    run: (req, { id }) =>
      systemDelete(req, 'payload-locked-documents', { 'user.value': { equals: id } }),
  },
  'payload-preferences': {
    fate: 'deleted',
    what: 'Their admin preferences are deleted.',
    rows: ({ id }) => ({ 'user.value': { equals: id } }),
    run: (req, { id }) =>
      systemDelete(req, 'payload-preferences', { 'user.value': { equals: id } }),
  },
  exports: {
    fate: 'deleted',
    what: 'Every saved admin export (CSV or JSON of a collection) is deleted, files included: any of them may list the person.',
    rows: () => ({ id: { exists: true } }),
    run: (req) => systemDelete(req, 'exports', { id: { exists: true } }),
  },
  imports: {
    fate: 'untouched',
    what: 'Importing is switched off; the collection stays empty.',
  },
  'payload-kv': {
    fate: 'untouched',
    what: 'Payload’s own key-value store; nothing about a person.',
  },
  'payload-migrations': {
    fate: 'untouched',
    what: 'Which migrations ran; nothing about a person.',
  },
  users: {
    fate: 'anonymised',
    what: 'The row stays as a placeholder so kept records still point somewhere: the email becomes erased-<id>@erased.invalid (the real address can sign up again), the name “Former member”, and every other field — password, sessions, API key, two-step secrets, phone, avatar, preferences — is cleared. Only the id, role and dates stay. Nobody can sign in to it.',
    retention: 'As long as the records that point to it.',
    rows: ({ id }) => ({ id: { equals: id } }),
    run: (req, { id }) => anonymiseAccountRow(req, id),
  },
} satisfies Record<CollectionSlug, ErasureStep>
