import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { checkRole } from '@/access/roles'
import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { INVITATION_DECLINE_REASONS, type InvitationStatus } from '@/lib/constants'
import { queueEmail } from '@/lib/kit/email'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import { parseInput } from '@/lib/kit/validate'
import type { Invitation, Job, User, Vendor } from '@/payload-types'
import { consumeLimitPoints } from '@/plugins/rateLimits'
import { publish, userChannel } from '@/plugins/realtime'
import { maskContactDetails } from '@/lib/messaging/rules'

import { nzDayIsAhead, nzLongDate } from './dates'
import {
  ANSWER_WITHIN_MS,
  DECLINE_NOTE_MAX,
  INVITATION_NOTE_MAX,
  INVITEES_PER_REQUEST,
} from './invitationLimits'
import { lockJob, lockRow } from './jobLock'
import { transitionProblem } from './transitions'

export const InvitationRequest = z.strictObject({
  vendors: z
    .array(
      z.number().int().positive().max(2_147_483_647),
      'List the vendors to invite by their ids.',
    )
    .min(1, 'Choose at least one vendor to invite.')
    .max(INVITEES_PER_REQUEST, `Invite up to ${INVITEES_PER_REQUEST} vendors at a time.`),
  message: z
    .string('The note must be text.')
    .trim()
    .max(INVITATION_NOTE_MAX, `Keep the note to ${INVITATION_NOTE_MAX} characters.`)
    .optional(),
})

const DECLINE_REASONS = INVITATION_DECLINE_REASONS.map((reason) => reason.value) as [
  Invitation['declineReason'] & string,
  ...(Invitation['declineReason'] & string)[],
]

export const DeclineRequest = z.strictObject({
  reason: z.enum(DECLINE_REASONS, `Say why: one of ${DECLINE_REASONS.join(', ')}.`),
  note: z
    .string('The note must be text.')
    .trim()
    .max(DECLINE_NOTE_MAX, `Keep the note to ${DECLINE_NOTE_MAX} characters.`)
    .optional(),
})

/** Why this job cannot take invitations now, or null. Read after the job's row is locked. */
export const closedForInvitations = (
  job: Pick<Job, 'status' | 'applicationDeadline' | 'eventDate'>,
): string | null => {
  if (job.status !== 'published') return 'Publish the job before inviting vendors to quote.'
  const deadline = job.applicationDeadline ? new Date(job.applicationDeadline).getTime() : null
  if (deadline !== null && deadline <= Date.now()) {
    return 'The deadline for quotes on this job has passed.'
  }
  // The vendor is asked to answer within a day: they must be able to quote within it.
  if (deadline !== null && deadline - Date.now() < ANSWER_WITHIN_MS) {
    return 'Quotes on this job close within a day: too soon to ask a vendor. Move the deadline first.'
  }
  // A vendor needs at least a day to answer.
  if (!nzDayIsAhead(job.eventDate)) return 'The event is today or has passed.'
  return null
}

/** One write of an invitation, as the inviting module: `changes` is all that reaches the row. */
const writeInvitation = (req: PayloadRequest, id: number, changes: Partial<Invitation>) =>
  req.payload.update({
    collection: slugs.invitations,
    id,
    data: {},
    depth: 0,
    user: req.user,
    overrideAccess: false,
    context: writingAs('inviting', changes),
    req,
  })

/** The status change and the line of history that goes with it. */
const move = (
  invitation: Invitation,
  to: InvitationStatus,
  by: number | null,
  note?: string,
): Partial<Invitation> => {
  const problem = transitionProblem('invitations', invitation.status, to)
  if (problem) {
    throw new RequestError(409, 'INVALID_TRANSITION', problem, { from: invitation.status, to })
  }
  return {
    status: to,
    history: [
      ...(invitation.history ?? []),
      { from: invitation.status, to, by, at: new Date().toISOString(), note },
    ],
  }
}

export type InvitationOutcome = {
  invited: { id: number; vendor: number }[]
  skipped: { vendor: number; reason: 'ALREADY_INVITED' | 'ALREADY_QUOTED' }[]
}

/**
 * An organizer invites vendors to quote on one of their open jobs. Vendors already invited or
 * who have quoted are skipped (and said so); the rest count against the organizer's daily
 * allowance, all or none. Each vendor hears at once (bell and live) and by email; nothing in
 * it names the organizer beyond the job, and their note is masked like a message.
 */
export const inviteVendors = async (
  req: PayloadRequest,
  jobId: number,
  body: unknown,
): Promise<InvitationOutcome> => {
  const user = signedIn(req, 'Sign in to request quotes.')
  if (!checkRole(['organizer'], user)) {
    throw new RequestError(403, 'FORBIDDEN', 'Only organizers can ask vendors for quotes.')
  }
  const input = parseInput(InvitationRequest, body)
  const vendorIds = [...new Set(input.vendors)]
  return inTransaction(req, async () => {
    await lockJob(req, jobId)
    const job = await findVisible(req, slugs.jobs, jobId, 'Job not found.')
    if (idOf(job.organizer) !== user.id) {
      throw new RequestError(
        403,
        'FORBIDDEN',
        'Only the organizer who posted this job can do that.',
      )
    }
    const closed = closedForInvitations(job)
    if (closed) throw new RequestError(409, 'JOB_CLOSED', closed)
    // Read as the organizer: a vendor they cannot see (not on the site) is not found.
    const { docs: found } = await req.payload.find({
      collection: slugs.vendors,
      where: { and: [{ id: { in: vendorIds } }, { status: { equals: 'active' } }] },
      pagination: false,
      depth: 0,
      select: { businessName: true },
      user,
      overrideAccess: false,
      req,
    })
    const missing = vendorIds.filter((id) => !found.some((vendor) => vendor.id === id))
    if (missing.length) {
      throw new RequestError(
        404,
        'VENDOR_NOT_FOUND',
        `${missing.length === 1 ? 'Vendor' : 'Vendors'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on the site.`,
        { vendors: missing },
      )
    }
    // System read: whose profile each is (hidden from organizers) addresses the invitation.
    const { docs: owned } = await req.payload.find({
      collection: slugs.vendors,
      where: { id: { in: found.map((vendor) => vendor.id) } },
      pagination: false,
      depth: 0,
      select: { owner: true },
      overrideAccess: true,
      req,
    })
    const ownerOf = (vendorId: number) =>
      idOf(owned.find((vendor) => vendor.id === vendorId)!.owner)
    // System reads: who was already asked or has quoted decides what is sent, whoever asks.
    const [invited, quoted] = await Promise.all(
      ([slugs.invitations, slugs.applications] as const).map((collection) =>
        req.payload.find({
          collection,
          where: { and: [{ job: { equals: job.id } }, { vendor: { in: vendorIds } }] },
          pagination: false,
          depth: 0,
          select: { vendor: true },
          overrideAccess: true,
          req,
        }),
      ),
    )
    const skipped: InvitationOutcome['skipped'] = []
    const toInvite: Pick<Vendor, 'id' | 'businessName'>[] = []
    for (const vendor of found) {
      if (invited!.docs.some((doc) => idOf(doc.vendor) === vendor.id)) {
        skipped.push({ vendor: vendor.id, reason: 'ALREADY_INVITED' })
      } else if (quoted!.docs.some((doc) => idOf(doc.vendor) === vendor.id)) {
        skipped.push({ vendor: vendor.id, reason: 'ALREADY_QUOTED' })
      } else toInvite.push(vendor)
    }
    if (toInvite.length === 0) return { invited: [], skipped }
    await consumeLimitPoints(req.payload, 'invitations', `user:${user.id}`, toInvite.length)
    const at = new Date().toISOString()
    const outcome: InvitationOutcome = { invited: [], skipped }
    for (const vendor of toInvite) {
      const vendorOwner = ownerOf(vendor.id)
      const invitation = await req.payload.create({
        collection: slugs.invitations,
        data: {} as Invitation,
        depth: 0,
        user,
        overrideAccess: false,
        context: writingAs('inviting', {
          job: job.id,
          vendor: vendor.id,
          vendorOwner,
          organizer: user.id,
          message: input.message || null,
          status: 'sent',
          history: [{ from: null, to: 'sent', by: user.id, at }],
        } satisfies Partial<Invitation>),
        req,
      })
      outcome.invited.push({ id: invitation.id, vendor: vendor.id })
      await publish(req, userChannel(vendorOwner), 'invitation.created', {
        invitationId: invitation.id,
        jobId: job.id,
        status: 'sent',
      })
      await queueEmail(req, {
        userId: vendorOwner,
        subject: `You are invited to quote: “${job.title}”`,
        intro: `An organizer would like a quote from ${vendor.businessName} for “${job.title}” on ${nzLongDate(job.eventDate)}. Answer within 24 hours to keep your response rate up: send a quote, or decline with a reason.`,
        actionLabel: 'See the invitation',
        actionPath: `/jobs/${job.id}`,
        kind: 'quotes',
      })
    }
    await publish(req, userChannel(user.id), 'invitation.status', {
      jobId: job.id,
      status: 'sent',
    })
    return outcome
  })
}

/**
 * The invitation as the caller may see it, read again under its job's lock (the order quoting
 * and closing the job lock in), so a decline and a quote or a withdrawal cannot both land.
 */
const readInvitation = async (req: PayloadRequest, id: number): Promise<Invitation> => {
  const first = await findVisible(req, slugs.invitations, id, 'Invitation not found.')
  await lockJob(req, idOf(first.job))
  await lockRow(req, 'invitations', id)
  return findVisible(req, slugs.invitations, id, 'Invitation not found.')
}

/** The vendor the invitation is addressed to, or a 403 for anyone else who may read it. */
const asInvitee = (user: User, invitation: Invitation, doing: string) => {
  if (idOf(invitation.vendorOwner) !== user.id) {
    throw new RequestError(403, 'FORBIDDEN', `Only the vendor invited can ${doing}.`)
  }
}

/** The vendor opened the invitation: the organizer sees "seen" from then on. Once only. */
export const markInvitationSeen = async (req: PayloadRequest, id: number) => {
  const user = signedIn(req)
  return inTransaction(req, async () => {
    const invitation = await readInvitation(req, id)
    asInvitee(user, invitation, 'open it')
    if (invitation.seenAt) return invitation
    const updated = await writeInvitation(req, id, { seenAt: new Date().toISOString() })
    await publish(req, userChannel(idOf(invitation.organizer)), 'invitation.status', {
      invitationId: id,
      jobId: idOf(invitation.job),
      status: updated.status,
    })
    return updated
  })
}

/** The vendor turns the invitation down with a reason the organizer reads (live and by email). */
export const declineInvitation = async (req: PayloadRequest, id: number, body: unknown) => {
  const user = signedIn(req)
  const input = parseInput(DeclineRequest, body)
  return inTransaction(req, async () => {
    const invitation = await readInvitation(req, id)
    asInvitee(user, invitation, 'decline it')
    const at = new Date().toISOString()
    const updated = await writeInvitation(req, id, {
      // The note is kept once, in declineNote (masked for the organizer, cleared on erasure).
      ...move(invitation, 'declined', user.id),
      declineReason: input.reason,
      declineNote: input.note || null,
      respondedAt: at,
      seenAt: invitation.seenAt ?? at,
    })
    const organizer = idOf(invitation.organizer)
    const jobId = idOf(invitation.job)
    // Its own event, so the organizer's bell counts a decline but not a "seen".
    await publish(req, userChannel(organizer), 'invitation.declined', {
      invitationId: id,
      jobId,
      status: 'declined',
    })
    const [vendor, job] = await Promise.all([
      findVisible(req, slugs.vendors, idOf(invitation.vendor), 'Vendor not found.'),
      findVisible(req, slugs.jobs, jobId, 'Job not found.'),
    ])
    const reason = INVITATION_DECLINE_REASONS.find((r) => r.value === input.reason)!.label
    await queueEmail(req, {
      userId: organizer,
      subject: `${vendor.businessName} can’t quote for “${job.title}”`,
      intro: `${vendor.businessName} declined your invitation to quote for “${job.title}”: ${reason.toLowerCase()}.${input.note ? ` They added: “${maskContactDetails(input.note)}”` : ''} Other vendors may still quote, and you can invite more.`,
      actionLabel: 'See your job',
      actionPath: `/my-jobs/${jobId}`,
      kind: 'quotes',
    })
    return updated
  })
}

/**
 * The invitation open for this vendor on this job, if any (the apply rules let it quote past
 * the cap). A system read: the vendor may read it anyway, this decides a rule.
 */
export const openInvitationFor = async (
  req: PayloadRequest,
  jobId: number,
  vendorId: number,
): Promise<Invitation | null> => {
  const { docs } = await req.payload.find({
    collection: slugs.invitations,
    where: {
      and: [
        { job: { equals: jobId } },
        { vendor: { equals: vendorId } },
        { status: { equals: 'sent' } },
      ],
    },
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs[0] ?? null
}

/** The vendor answered with a quote: the invitation is answered, when they sent it. */
export const answerWithQuote = async (
  req: PayloadRequest,
  invitation: Invitation,
  quoteId: number,
) => {
  const at = new Date().toISOString()
  await writeInvitation(req, invitation.id, {
    ...move(invitation, 'quoted', req.user?.id ?? null),
    quote: quoteId,
    respondedAt: at,
    seenAt: invitation.seenAt ?? at,
  })
}

/**
 * A job that stops taking quotes (closed by its organizer, booked) withdraws the invitations
 * still waiting, so no vendor is asked to answer for nothing. System read and write: the
 * state machine acts here for whoever closed the job.
 */
export const withdrawOpenInvitations = async (req: PayloadRequest, jobId: number, why: string) => {
  const { docs } = await req.payload.find({
    collection: slugs.invitations,
    where: { and: [{ job: { equals: jobId } }, { status: { equals: 'sent' } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const at = new Date().toISOString()
  for (const invitation of docs) {
    await req.payload.update({
      collection: slugs.invitations,
      id: invitation.id,
      data: {},
      depth: 0,
      overrideAccess: true,
      context: writingAs('inviting', {
        ...move(invitation, 'withdrawn', req.user?.id ?? null, why),
        closedAt: at,
      }),
      req,
    })
    await publish(req, userChannel(idOf(invitation.vendorOwner)), 'invitation.status', {
      invitationId: invitation.id,
      jobId,
      status: 'withdrawn',
    })
  }
  return docs.length
}
