import type { PayloadRequest } from 'payload'

import { checkRole, isStaffUser } from '@/access/roles'
import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { queueEmail } from '@/lib/kit/email'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { getEnv } from '@/lib/kit/env'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { formatCents } from '@/lib/kit/money'
import { inTransaction } from '@/lib/kit/transaction'
import type { Application, Booking, Job, Vendor } from '@/payload-types'
import { entitlementsOf, tierDefinition, tierThatLifts } from '@/plugins/billing'
import { publish, userChannel } from '@/plugins/realtime'
import { haversineKm } from '@/plugins/search'

import { nzDay, nzMonthStart, nzToday } from './dates'
import { answerWithQuote, openInvitationFor, withdrawOpenInvitations } from './invitations'
import { lockJob } from './jobLock'
import { ownVendor } from './ownVendor'
import { type ApplyContext, transitionContext, transitionProblem } from './transitions'

/** Quotes still in the running: these count towards a job's cap. */
export const OPEN_QUOTE_STATUSES = ['submitted', 'shortlisted'] as const

const DEFAULT_VALIDITY_DAYS = 30

/** The job as the caller may see it: a job they cannot see is a 404, whoever they are. */
const readJob = (req: PayloadRequest, jobId: number, depth = 0): Promise<Job> =>
  findVisible(req, slugs.jobs, jobId, 'Job not found.', depth)

const readQuote = (req: PayloadRequest, id: number): Promise<Application> =>
  findVisible(req, slugs.applications, id, 'Quote not found.')

export type QuoteInput = {
  message?: unknown
  lineItems?: unknown
  validUntil?: unknown
}

const COMPUTED_FIELDS = new Set(['subtotalCents', 'gstCents', 'totalCents'])
const QUOTE_FIELDS = new Set(['message', 'lineItems', 'validUntil'])

/** The fields a vendor writes; totals are the server's and anything else is a mistake to name. */
const quoteFields = (input: QuoteInput) => {
  const problems = Object.keys(input)
    .filter((key) => !QUOTE_FIELDS.has(key))
    .map((field) => ({
      field,
      message: COMPUTED_FIELDS.has(field)
        ? `${field} is worked out from the lines; send lineItems only.`
        : `Unknown field "${field}".`,
    }))
  if (problems.length) {
    throw new RequestError(400, 'INVALID_INPUT', problems.map((p) => p.message).join(' '), problems)
  }
  if (input.lineItems !== undefined && !Array.isArray(input.lineItems)) {
    throw new RequestError(400, 'INVALID_INPUT', 'lineItems must be a list of lines.', [
      { field: 'lineItems', message: 'Must be a list of lines.' },
    ])
  }
  return input as Pick<Application, 'message' | 'validUntil'> & {
    lineItems?: Application['lineItems']
  }
}

/** Why this job takes no quote now, or null. Read after the job's row is locked. */
const closedForQuotes = (job: Job): string | null => {
  if (job.status !== 'published') return 'This job is not taking quotes.'
  if (job.applicationDeadline && new Date(job.applicationDeadline).getTime() <= Date.now()) {
    return 'The deadline for quotes on this job has passed.'
  }
  if (nzDay(job.eventDate) < nzToday()) return 'This event has already happened.'
  return null
}

/**
 * Refuses a quote beyond the tier's monthly allowance (New Zealand calendar month). Every quote
 * sent counts, withdrawn or not: the allowance is of quotes sent.
 */
const withinMonthlyQuotes = async (req: PayloadRequest, vendor: Vendor) => {
  const limit = entitlementsOf(vendor.tier).quotesPerMonth
  if (limit === null) return
  const sent = await req.payload.count({
    collection: slugs.applications,
    where: {
      and: [
        { vendor: { equals: vendor.id } },
        { createdAt: { greater_than_equal: nzMonthStart().toISOString() } },
      ],
    },
    user: req.user,
    overrideAccess: false,
    req,
  })
  if (sent.totalDocs < limit) return
  const next = tierThatLifts(vendor.tier, 'quotesPerMonth')
  const lift = next
    ? ` Upgrade to ${next.label} for ${next.entitlements.quotesPerMonth ?? 'unlimited'} quotes a month.`
    : ''
  throw new RequestError(
    403,
    'TIER_LIMIT_REACHED',
    `${tierDefinition(vendor.tier).label} includes ${limit} quotes a month and you have sent ${sent.totalDocs} this month.${lift}`,
    { limit, used: sent.totalDocs, tier: vendor.tier, upgradeTo: next?.value ?? null },
  )
}

/**
 * A vendor's quote on a published job: once per vendor per job, before the deadline, while
 * fewer than the cap of quotes are in the running — unless the organizer invited this vendor,
 * whose answer is always welcome (the cap keeps the public board from crowding a job, not the
 * organizer from hearing the vendors they asked). The checks and the insert happen under a
 * lock on the job's row, so the cap holds when vendors quote at the same moment.
 */
export const applyToJob = async (req: PayloadRequest, jobId: number, input: QuoteInput) => {
  const user = signedIn(req)
  if (!checkRole(['vendor'], user)) {
    throw new RequestError(403, 'FORBIDDEN', 'Only vendors can send quotes.')
  }
  const fields = quoteFields(input)
  return inTransaction(req, async () => {
    await lockJob(req, jobId)
    const job = await readJob(req, jobId)
    const vendor = await ownVendor(req.payload, user, req)
    if (!vendor) {
      throw new RequestError(
        409,
        'NO_VENDOR_PROFILE',
        'Create your vendor profile before sending quotes.',
      )
    }
    if (vendor.status !== 'active') {
      throw new RequestError(
        409,
        'VENDOR_NOT_ACTIVE',
        'Make your vendor profile active before sending quotes.',
      )
    }
    const closed = closedForQuotes(job)
    if (closed) throw new RequestError(409, 'JOB_CLOSED', closed)
    await withinMonthlyQuotes(req, vendor)
    // System counts: a vendor cannot read other vendors' quotes, but the rules count them.
    const [mine, open] = await Promise.all([
      req.payload.count({
        collection: slugs.applications,
        where: { and: [{ job: { equals: jobId } }, { vendor: { equals: vendor.id } }] },
        overrideAccess: true,
        req,
      }),
      req.payload.count({
        collection: slugs.applications,
        where: { and: [{ job: { equals: jobId } }, { status: { in: [...OPEN_QUOTE_STATUSES] } }] },
        overrideAccess: true,
        req,
      }),
    ])
    if (mine.totalDocs > 0) {
      throw new RequestError(
        409,
        'ALREADY_APPLIED',
        'You have already quoted on this job; edit that quote instead.',
      )
    }
    const invitation = await openInvitationFor(req, job.id, vendor.id)
    const cap = getEnv().MAX_QUOTES_PER_JOB
    if (open.totalDocs >= cap && !invitation) {
      throw new RequestError(
        409,
        'QUOTE_CAP_REACHED',
        `This job already has ${cap} quotes, the most it takes.`,
      )
    }
    const parties: ApplyContext = {
      job: job.id,
      vendor: vendor.id,
      vendorOwner: user.id,
      organizer: idOf(job.organizer),
    }
    const quote = await req.payload.create({
      collection: slugs.applications,
      data: {
        ...fields,
        validUntil:
          fields.validUntil ??
          new Date(Date.now() + DEFAULT_VALIDITY_DAYS * 86_400_000).toISOString(),
      } as Application,
      depth: 0,
      user,
      overrideAccess: false,
      context: writingAs('quoting', parties),
      req,
    })
    if (invitation) await answerWithQuote(req, invitation, quote.id)
    const news = { jobId: job.id, applicationId: quote.id, status: quote.status }
    await publish(req, userChannel(parties.organizer), 'application.created', news)
    // The vendor's other tabs (their quotes page) show the new quote too, without a bell notice.
    await publish(req, userChannel(user.id), 'quotes.changed', news)
    await queueEmail(req, {
      userId: parties.organizer,
      subject: `New quote for “${job.title}”`,
      intro: `${vendor.businessName} sent a quote of ${formatCents(quote.totalCents)} (GST inclusive) for “${job.title}”.`,
      actionLabel: 'Compare quotes',
      actionPath: `/my-jobs/${job.id}`,
      kind: 'quotes',
    })
    return quote
  })
}

/** A vendor changes their own quote's message, lines or validity while the job is open. */
export const updateQuote = async (req: PayloadRequest, id: number, input: QuoteInput) => {
  const user = signedIn(req)
  const fields = quoteFields(input)
  const quote = await readQuote(req, id)
  if (idOf(quote.vendorOwner) !== user.id && !isStaffUser(user)) {
    throw new RequestError(403, 'FORBIDDEN', 'Only the vendor who sent this quote can change it.')
  }
  if (!(OPEN_QUOTE_STATUSES as readonly string[]).includes(quote.status)) {
    throw new RequestError(409, 'QUOTE_CLOSED', `A ${quote.status} quote cannot be changed.`)
  }
  return inTransaction(req, async () => {
    const updated = await req.payload.update({
      collection: slugs.applications,
      id,
      data: fields as Partial<Application>,
      depth: 0,
      user,
      overrideAccess: false,
      req,
    })
    await publish(
      req,
      [userChannel(idOf(quote.organizer)), userChannel(idOf(quote.vendorOwner))],
      'application.updated',
      { jobId: idOf(quote.job), applicationId: quote.id, status: updated.status },
    )
    return updated
  })
}

type QuoteAction = 'shortlist' | 'decline' | 'withdraw' | 'accept'

/** The note on a quote declined only because the organizer accepted another one. */
const OUTBID_NOTE = 'Another quote was accepted.'

const ACTION_TARGET = {
  shortlist: 'shortlisted',
  decline: 'declined',
  withdraw: 'withdrawn',
  accept: 'accepted',
} as const

/** Moves a quote through the state machine, appending who and when to its history. */
const moveQuote = async (
  req: PayloadRequest,
  quote: Application,
  to: Application['status'],
  note?: string,
) => {
  const problem = transitionProblem('applications', quote.status, to)
  if (problem) {
    throw new RequestError(409, 'INVALID_TRANSITION', problem, { from: quote.status, to })
  }
  // Both parties' pages follow the quote: the vendor hears it as news (the bell), the organizer's
  // pages as a change to the job's quotes. Ids and status only; each page reads the rest itself.
  const news = { applicationId: quote.id, jobId: idOf(quote.job), status: to }
  await publish(req, userChannel(idOf(quote.vendorOwner)), 'application.status', news)
  await publish(req, userChannel(idOf(quote.organizer)), 'quotes.changed', news)
  return req.payload.update({
    collection: slugs.applications,
    id: quote.id,
    data: {
      status: to,
      history: [
        ...(quote.history ?? []),
        { from: quote.status, to, by: req.user!.id, at: new Date().toISOString(), note },
      ],
    },
    depth: 0,
    user: req.user,
    overrideAccess: false,
    context: transitionContext,
    req,
  })
}

const VENDOR_EMAIL: Record<
  'shortlisted' | 'declined' | 'accepted',
  (job: Job) => { subject: string; intro: string }
> = {
  shortlisted: (job) => ({
    subject: `You are shortlisted for “${job.title}”`,
    intro: `The organizer of “${job.title}” shortlisted your quote. They may get in touch with questions.`,
  }),
  declined: (job) => ({
    subject: `Your quote for “${job.title}” was not chosen`,
    intro: `The organizer of “${job.title}” went another way this time. Thanks for quoting; there are more jobs on the board.`,
  }),
  accepted: (job) => ({
    subject: `Booked: “${job.title}”`,
    intro: `Great news: the organizer accepted your quote for “${job.title}” on ${nzDay(job.eventDate)}. It is now a booking.`,
  }),
}

const tellVendor = async (
  req: PayloadRequest,
  quote: Application,
  job: Job,
  status: keyof typeof VENDOR_EMAIL,
) =>
  queueEmail(req, {
    userId: idOf(quote.vendorOwner),
    ...VENDOR_EMAIL[status](job),
    actionLabel: status === 'accepted' ? 'See the booking' : 'See your quotes',
    actionPath: status === 'accepted' ? '/bookings' : '/quotes',
    kind: status === 'accepted' ? 'bookings' : 'quotes',
  })

/**
 * Accepting one quote books the vendor: the quote is accepted, a booking is made, the job is
 * filled and every other quote still in the running is declined with a notice — all in one
 * transaction, under a lock on the job so a second accept finds it filled.
 */
const acceptQuote = async (req: PayloadRequest, quote: Application, job: Job) => {
  if (job.status !== 'published') {
    throw new RequestError(
      409,
      'JOB_CLOSED',
      `This job is ${job.status === 'filled' ? 'already booked' : 'closed'}.`,
    )
  }
  if (quote.validUntil && nzDay(quote.validUntil) < nzToday()) {
    throw new RequestError(
      409,
      'QUOTE_EXPIRED',
      'This quote has expired; ask the vendor to renew it first.',
    )
  }
  const accepted = await moveQuote(req, quote, 'accepted')
  const at = new Date().toISOString()
  const booking = await req.payload.create({
    collection: slugs.bookings,
    data: {
      job: job.id,
      application: quote.id,
      vendor: idOf(quote.vendor),
      organizer: idOf(job.organizer),
      vendorOwner: idOf(quote.vendorOwner),
      eventDate: job.eventDate,
      totalCents: quote.totalCents ?? 0,
      status: 'confirmed',
      history: [{ from: null, to: 'confirmed', by: req.user!.id, at }],
    } as Booking,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    context: transitionContext,
    req,
  })
  await req.payload.update({
    collection: slugs.jobs,
    id: job.id,
    data: {
      status: 'filled',
      history: [...(job.history ?? []), { from: job.status, to: 'filled', by: req.user!.id, at }],
    },
    depth: 0,
    user: req.user,
    overrideAccess: false,
    context: transitionContext,
    req,
  })
  const { docs: others } = await req.payload.find({
    collection: slugs.applications,
    where: {
      and: [
        { job: { equals: job.id } },
        { id: { not_equals: quote.id } },
        { status: { in: [...OPEN_QUOTE_STATUSES] } },
      ],
    },
    pagination: false,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
  })
  for (const other of others) {
    await moveQuote(req, other, 'declined', OUTBID_NOTE)
    await tellVendor(req, other, job, 'declined')
  }
  await withdrawOpenInvitations(req, job.id, 'The organizer booked another vendor.')
  await tellVendor(req, quote, job, 'accepted')
  await publish(
    req,
    [userChannel(idOf(job.organizer)), userChannel(idOf(quote.vendorOwner))],
    'booking.created',
    { bookingId: booking.id, jobId: job.id, applicationId: quote.id, status: booking.status },
  )
  return { application: accepted, booking }
}

/**
 * When a cancelled booking's job reopens, the quotes declined only because that one was chosen
 * are back in the running (their vendors are told), so the organizer can book the runner-up
 * without asking everyone to quote again. Quotes the organizer declined themselves stay declined.
 */
export const restoreOutbidQuotes = async (req: PayloadRequest, job: Job) => {
  const { docs } = await req.payload.find({
    collection: slugs.applications,
    where: { and: [{ job: { equals: job.id } }, { status: { equals: 'declined' } }] },
    pagination: false,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
  })
  const outbid = docs.filter((quote) => quote.history?.at(-1)?.note === OUTBID_NOTE)
  for (const quote of outbid) {
    await moveQuote(req, quote, 'submitted', 'The booking was cancelled and the job reopened.')
    await queueEmail(req, {
      userId: idOf(quote.vendorOwner),
      subject: `“${job.title}” is open again`,
      intro: `The booking for “${job.title}” on ${nzDay(job.eventDate)} was cancelled and the organizer reopened the job. Your quote is back in the running: check it still suits you.`,
      actionLabel: 'See your quotes',
      actionPath: '/quotes',
      kind: 'quotes',
    })
  }
  return outbid.length
}

/**
 * Shortlist, decline or accept (the job's organizer, or staff) and withdraw (the vendor who
 * sent it): one path for every quote status change.
 */
export const actOnQuote = async (req: PayloadRequest, id: number, action: QuoteAction) => {
  const user = signedIn(req)
  return inTransaction(req, async () => {
    let quote = await readQuote(req, id)
    const vendorSide = action === 'withdraw'
    const party = vendorSide ? quote.vendorOwner : quote.organizer
    if (!isStaffUser(user) && idOf(party) !== user.id) {
      throw new RequestError(
        403,
        'FORBIDDEN',
        vendorSide
          ? 'Only the vendor who sent this quote can withdraw it.'
          : 'Only the organizer who posted this job can do that.',
      )
    }
    const jobId = idOf(quote.job)
    await lockJob(req, jobId)
    // Read again under the lock: an accept that just committed may have declined this quote.
    quote = await readQuote(req, id)
    // System read: a withdrawing vendor may no longer see a closed job, but it decides nothing here.
    const job = await req.payload.findByID({
      collection: slugs.jobs,
      id: jobId,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const to = ACTION_TARGET[action]
    const problem = transitionProblem('applications', quote.status, to)
    if (problem)
      throw new RequestError(409, 'INVALID_TRANSITION', problem, { from: quote.status, to })
    if (action === 'accept') return acceptQuote(req, quote, job)
    if (action !== 'withdraw' && job.status !== 'published') {
      throw new RequestError(409, 'JOB_CLOSED', 'This job is no longer open.')
    }
    const application = await moveQuote(req, quote, to)
    if (to === 'shortlisted' || to === 'declined') await tellVendor(req, quote, job, to)
    return { application }
  })
}

export type QuoteComparison = {
  id: number
  status: Application['status']
  message: string
  lineItems: { description: string; quantity: number; unitPriceCents: number; totalCents: number }[]
  subtotalCents: number
  gstCents: number
  totalCents: number
  validUntil: string
  submittedAt: string
  vendor: {
    id: number
    slug: string | null | undefined
    businessName: string
    rating: { average: number; count: number }
    verified: boolean
    tier: string
    responseRate: number | null
    medianResponseHours: number | null
    city: string
    distanceKm: number | null
  }
}

type Point = { lat?: number | null; lng?: number | null }

/** Distance from the event to the vendor's base in km, to one decimal, when both are placed. */
const distanceKm = (a: Point, b: Point): number | null =>
  a.lat == null || a.lng == null || b.lat == null || b.lng == null
    ? null
    : Math.round(haversineKm({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng }) * 10) / 10

/**
 * The quotes on one job side by side, for its organizer (or staff): price, GST, the vendor's
 * rating, verified badge, distance from the event and how fast they usually answer.
 */
export const compareQuotes = async (
  req: PayloadRequest,
  jobId: number,
): Promise<{ job: Job; quotes: QuoteComparison[] }> => {
  const user = signedIn(req)
  const job = await readJob(req, jobId, 1)
  if (!isStaffUser(user) && idOf(job.organizer) !== user.id) {
    throw new RequestError(
      403,
      'FORBIDDEN',
      'Only the organizer who posted this job can see its quotes.',
    )
  }
  const { docs } = await req.payload.find({
    collection: slugs.applications,
    where: { job: { equals: jobId } },
    sort: 'totalCents',
    pagination: false,
    depth: 1,
    user,
    overrideAccess: false,
    req,
  })
  return {
    job,
    quotes: docs.map((quote) => {
      const vendor = quote.vendor as Vendor
      return {
        id: quote.id,
        status: quote.status,
        message: quote.message,
        lineItems: (quote.lineItems ?? []).map(
          ({ description, quantity, unitPriceCents, totalCents }) => ({
            description,
            quantity,
            unitPriceCents,
            totalCents: totalCents ?? 0,
          }),
        ),
        subtotalCents: quote.subtotalCents ?? 0,
        gstCents: quote.gstCents ?? 0,
        totalCents: quote.totalCents ?? 0,
        validUntil: quote.validUntil,
        submittedAt: quote.createdAt,
        vendor: {
          id: vendor.id,
          slug: vendor.slug,
          businessName: vendor.businessName,
          rating: { average: vendor.rating?.average ?? 0, count: vendor.rating?.count ?? 0 },
          verified: vendor.verificationStatus === 'verified',
          tier: vendor.tier ?? 'essential',
          responseRate: vendor.responseStats?.responseRate ?? null,
          medianResponseHours: vendor.responseStats?.medianResponseHours ?? null,
          city: vendor.location?.city ?? '',
          distanceKm: distanceKm(job.location ?? {}, vendor.location ?? {}),
        },
      }
    }),
  }
}
