import { and, or, type Rule } from '@/access/combinators'
import { organizers, ownedBy, staff, vendors } from '@/access/rules'
import { isWritingAs } from '@/access/writers'

/**
 * Quotes and bookings: staff see all; an organizer those on their own jobs; a vendor the ones
 * they are on. A filter, not a fetch, so a guessed id through REST, GraphQL or the admin is
 * simply not found.
 */
export const partiesOrStaff: Rule = or(
  staff,
  and(organizers, ownedBy('organizer')),
  and(vendors, ownedBy('vendorOwner')),
)

/**
 * Quotes are created only by `POST /api/jobs/:id/apply`, which checks the job is open, the
 * deadline, the cap and the vendor's one quote first; a plain `POST /api/applications` or a
 * GraphQL mutation is refused.
 */
export const canSendQuote: Rule = (args) =>
  Boolean(vendors(args)) && isWritingAs(args.req, 'quoting')

/**
 * A vendor edits their own quote while it is still in play. Status changes (the state
 * machine's writes) are also open to the organizer of the job, for shortlisting, accepting and
 * declining; the status fields themselves accept writes from the state machine only.
 */
export const canEditQuote: Rule = or(
  staff,
  and(vendors, ownedBy('vendorOwner'), () => ({ status: { in: ['submitted', 'shortlisted'] } })),
  and(organizers, ({ req }) => isWritingAs(req, 'stateMachine'), ownedBy('organizer')),
)
