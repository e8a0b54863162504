import { createLocalReq } from 'payload'
import { cache } from 'react'

import { slugs } from '@/collections/slugs'
import { INVITATION_DECLINE_REASONS } from '@/lib/constants'
import { idOf } from '@/lib/kit/ids'
import { getPayloadClient } from '@/lib/payload'
import type { Application, Booking, Invitation, Job, User } from '@/payload-types'

import { closedForInvitations } from './invitations'
import { compareQuotes } from './quotes'

/**
 * Reads for the marketplace pages, each with the visitor's own access (`overrideAccess: false`):
 * a page never shows more than the API would give the same person.
 */

export type CategoryGroup = {
  id: number
  name: string
  slug: string
  children: { id: number; name: string; slug: string }[]
}

/** Top-level categories with their sub-categories, for pickers. */
export const categoryGroups = async (user: User | null): Promise<CategoryGroup[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.categories,
    pagination: false,
    depth: 0,
    sort: 'name',
    user,
    overrideAccess: false,
  })
  return docs
    .filter((category) => !category.parent)
    .map((parent) => ({
      id: parent.id,
      name: parent.name,
      slug: parent.slug,
      children: docs
        .filter((category) => category.parent === parent.id)
        .map((category) => ({ id: category.id, name: category.name, slug: category.slug })),
    }))
}

export type JobWithCounts = Job & { quotes: number; openQuotes: number }

/** An organizer's jobs, newest event first, with how many quotes each has. */
export const jobsOfOrganizer = async (user: User): Promise<JobWithCounts[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.jobs,
    where: { organizer: { equals: user.id } },
    sort: '-createdAt',
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
  })
  const { docs: quotes } = await payload.find({
    collection: slugs.applications,
    where: { job: { in: docs.map((job) => job.id) } },
    pagination: false,
    depth: 0,
    select: { job: true, status: true },
    user,
    overrideAccess: false,
  })
  return docs.map((job) => {
    const mine = quotes.filter((quote) => quote.job === job.id)
    return {
      ...job,
      quotes: mine.length,
      openQuotes: mine.filter((quote) => ['submitted', 'shortlisted'].includes(quote.status))
        .length,
    }
  })
}

export const jobById = cache(async (id: number, user: User | null): Promise<Job | null> => {
  if (!Number.isInteger(id) || id < 1) return null
  const payload = await getPayloadClient()
  return payload.findByID({
    collection: slugs.jobs,
    id,
    depth: 1,
    user,
    overrideAccess: false,
    disableErrors: true,
  })
})

/** The quotes on an organizer's job, side by side, through the same code as the API. */
export const quotesToCompare = async (jobId: number, user: User) => {
  const payload = await getPayloadClient()
  const req = await createLocalReq({ user: { ...user, collection: slugs.users } }, payload)
  return compareQuotes(req, jobId)
}

/** A vendor's quotes, newest first, with their jobs. */
export const quotesOfVendor = async (user: User): Promise<Application[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.applications,
    where: { vendorOwner: { equals: user.id } },
    sort: '-createdAt',
    pagination: false,
    depth: 1,
    user,
    overrideAccess: false,
  })
  return docs
}

/** The vendor's own row on a job, if there is one: their quote, or their invitation to it. */
const vendorsOwnOnJob = async <C extends typeof slugs.applications | typeof slugs.invitations>(
  collection: C,
  jobId: number,
  user: User,
) => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection,
    where: { and: [{ job: { equals: jobId } }, { vendorOwner: { equals: user.id } }] },
    limit: 1,
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return docs[0] ?? null
}

/** The vendor's own quote on a job, if they sent one. */
export const myQuoteOn = (jobId: number, user: User) =>
  vendorsOwnOnJob(slugs.applications, jobId, user) as Promise<Application | null>

/** Bookings the person is on (either side), soonest event first. */
export const bookingsOf = async (user: User): Promise<Booking[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.bookings,
    sort: 'eventDate',
    pagination: false,
    depth: 1,
    user,
    overrideAccess: false,
  })
  return docs
}

/** One of an organizer's jobs a vendor can still be asked to quote on. */
export type RequestableJob = {
  id: number
  title: string
  eventDate: string
  /** Vendors already invited to it or who have quoted: asking them again changes nothing. */
  asked: number[]
}

/**
 * The organizer's published jobs still taking quotes for at least a day, with the event at
 * least a day away (the rules `inviteVendors` enforces), soonest event first, for "Request a
 * quote".
 */
export const jobsOpenForRequests = cache(async (user: User | null): Promise<RequestableJob[]> => {
  if (user?.role !== 'organizer') return []
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.jobs,
    where: { and: [{ organizer: { equals: user.id } }, { status: { equals: 'published' } }] },
    sort: 'eventDate',
    pagination: false,
    depth: 0,
    select: { title: true, eventDate: true, status: true, applicationDeadline: true },
    user,
    overrideAccess: false,
  })
  const open = docs.filter((job) => !closedForInvitations(job))
  if (open.length === 0) return []
  const onOpenJobs = { job: { in: open.map((job) => job.id) } }
  const [invited, quoted] = await Promise.all(
    ([slugs.invitations, slugs.applications] as const).map((collection) =>
      payload.find({
        collection,
        where: onOpenJobs,
        pagination: false,
        depth: 0,
        select: { job: true, vendor: true },
        user,
        overrideAccess: false,
      }),
    ),
  )
  const rows = [...invited!.docs, ...quoted!.docs]
  return open.map((job) => ({
    id: job.id,
    title: job.title,
    eventDate: job.eventDate,
    asked: rows.filter((row) => idOf(row.job) === job.id).map((row) => idOf(row.vendor)),
  }))
})

/**
 * The invitations a vendor has been sent, with their jobs: every one still waiting (oldest
 * first: the most overdue on top), then the latest 30 answered or withdrawn.
 */
export const invitationsOfVendor = async (
  user: User,
): Promise<{ waiting: Invitation[]; answered: Invitation[] }> => {
  const payload = await getPayloadClient()
  const read = (status: object, sort: string, limit?: number) =>
    payload.find({
      collection: slugs.invitations,
      where: { and: [{ vendorOwner: { equals: user.id } }, { status }] },
      sort,
      ...(limit ? { limit } : { pagination: false }),
      depth: 1,
      user,
      overrideAccess: false,
    })
  const [waiting, answered] = await Promise.all([
    read({ equals: 'sent' }, 'createdAt'),
    read({ not_equals: 'sent' }, '-updatedAt', 30),
  ])
  return { waiting: waiting.docs, answered: answered.docs }
}

/** "Not available on the date": the reason a vendor gave for declining, as people read it. */
export const declineReasonLabel = (invitation: Pick<Invitation, 'declineReason'>): string =>
  INVITATION_DECLINE_REASONS.find((reason) => reason.value === invitation.declineReason)?.label ??
  'no reason given'

/** The invitations an organizer sent on one job (vendor shown as they may see it), oldest first. */
export const invitationsOnJob = async (jobId: number, user: User): Promise<Invitation[]> => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.invitations,
    where: { job: { equals: jobId } },
    sort: 'createdAt',
    pagination: false,
    depth: 1,
    user,
    overrideAccess: false,
  })
  return docs
}

/** The vendor's own invitation to a job, if they were sent one. */
export const myInvitationTo = (jobId: number, user: User) =>
  vendorsOwnOnJob(slugs.invitations, jobId, user) as Promise<Invitation | null>
