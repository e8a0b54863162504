import { writingAs } from '@/access/writers'
import type { ApplicationStatus, BookingStatus, InvitationStatus, JobStatus } from '@/lib/constants'

/**
 * The one state machine for jobs, quotes, bookings and invitations. Every status change in the app is checked
 * by `transitionProblem` first, and the status fields accept writes only in `transitionContext`,
 * so REST, GraphQL and the admin cannot jump a state.
 */
export const TRANSITIONS = {
  jobs: {
    draft: ['published', 'closed'],
    published: ['closed', 'filled'],
    closed: [],
    // Reopened for quotes when its booking is cancelled before the event.
    filled: ['published'],
  } satisfies Record<JobStatus, JobStatus[]>,
  applications: {
    submitted: ['shortlisted', 'accepted', 'declined', 'withdrawn'],
    shortlisted: ['accepted', 'declined', 'withdrawn'],
    accepted: [],
    // Back in the running only when the quote chosen over it is cancelled and the job reopens.
    declined: ['submitted'],
    withdrawn: [],
  } satisfies Record<ApplicationStatus, ApplicationStatus[]>,
  bookings: {
    confirmed: ['completed', 'cancelled'],
    completed: [],
    cancelled: [],
  } satisfies Record<BookingStatus, BookingStatus[]>,
  // An organizer's request to one vendor: answered with a quote or a reason, or withdrawn when
  // the job stops taking quotes first.
  invitations: {
    sent: ['quoted', 'declined', 'withdrawn'],
    quoted: [],
    declined: [],
    withdrawn: [],
  } satisfies Record<InvitationStatus, InvitationStatus[]>,
} as const

export type Machine = keyof typeof TRANSITIONS

const NOUN: Record<Machine, string> = {
  jobs: 'job',
  applications: 'quote',
  bookings: 'booking',
  invitations: 'invitation',
}

/** Why a transition is refused, in words a person can act on; null when it is allowed. */
export const transitionProblem = (machine: Machine, from: string, to: string): string | null => {
  const allowed = (TRANSITIONS[machine] as Record<string, readonly string[]>)[from]
  if (!allowed) return `This ${NOUN[machine]} is in an unknown state.`
  if (allowed.includes(to)) return null
  if (from === to) return `This ${NOUN[machine]} is already ${from}.`
  return `A ${from} ${NOUN[machine]} cannot be ${to}.`
}

/** One entry of a document's history: who moved it from which state to which, and when. */
export type HistoryEntry = {
  from: string | null
  to: string
  by: number
  at: string
  note?: string | null
}

/** Marks a Local API write as the state machine's own, which the status fields require. */
export const transitionContext = writingAs('stateMachine')

/** The parties of a new quote, worked out by the apply endpoint and written by the create hook. */
export type ApplyContext = { job: number; vendor: number; vendorOwner: number; organizer: number }
