import { and, or, type Rule } from '@/access/combinators'
import { admins, organizers, ownedBy, staff, vendors } from '@/access/rules'
import { writtenBy } from '@/access/writers'

/** The jobs an organizer posted. */
const postedByThem = ownedBy('organizer')

const withStatus =
  (...statuses: string[]): Rule =>
  () => ({ status: { in: statuses } })

/**
 * Staff: every job. Organizers: their own. Vendors: every job past draft — open ones to quote
 * on, closed and filled ones because they may have quoted. Everyone else: none.
 */
export const canReadJob: Rule = or(
  staff,
  and(organizers, postedByThem),
  and(vendors, withStatus('published', 'closed', 'filled')),
)

/** Jobs are posted by organizers (and by admins on someone's behalf). */
export const canPostJob: Rule = or(admins, organizers)

/**
 * Staff, or its organizer until it is closed or booked: from then on a job is a record, which
 * only the state machine moves on their behalf (a booked job reopened after a cancellation).
 */
export const canEditJob: Rule = or(
  staff,
  and(postedByThem, withStatus('draft', 'published')),
  and(postedByThem, writtenBy('stateMachine') as Rule),
)

/** Admins, or its organizer while it is a draft; a job vendors have seen is closed, not deleted. */
export const canDeleteJob: Rule = or(
  admins,
  and(postedByThem, () => ({ status: { equals: 'draft' } })),
)
