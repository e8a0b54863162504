/**
 * Which realtime events make which page read itself again, and what a screen reader hears
 * when it does. The server sends ids and a status only; names come from the refreshed page.
 */
export const LIVE_PAGE_EVENTS = {
  inbox: ['message.created'],
  /** An organizer's comparison of one job's quotes. */
  jobQuotes: [
    'application.created',
    'application.updated',
    'quotes.changed',
    'booking.created',
    'booking.status',
    'invitation.status',
    'invitation.declined',
  ],
  /** A vendor's own quotes, and the invitations to quote they have been sent. */
  vendorQuotes: [
    'invitation.created',
    'invitation.status',
    'application.status',
    'application.updated',
    'quotes.changed',
    'booking.created',
    'booking.status',
  ],
  /** Either side's bookings. */
  bookings: ['booking.created', 'booking.status', 'application.status', 'quotes.changed'],
} as const satisfies Record<string, readonly string[]>

export type LivePage = Exclude<keyof typeof LIVE_PAGE_EVENTS, 'inbox'>

/** One thing on a live page: a quote (named by its vendor or job) or a booking. */
export type LiveItem = { id: number; name: string; status: string }

const STATUS_WORDS: Record<string, string> = {
  submitted: 'sent',
  shortlisted: 'shortlisted',
  declined: 'declined',
  withdrawn: 'withdrawn',
  accepted: 'accepted',
  confirmed: 'confirmed',
  completed: 'completed',
  cancelled: 'cancelled',
}

const statusWord = (status: string) => STATUS_WORDS[status] ?? status

const SENTENCES: Record<
  LivePage,
  { added: (item: LiveItem) => string; changed: (item: LiveItem) => string }
> = {
  jobQuotes: {
    added: (item) => `New quote from ${item.name}.`,
    changed: (item) => `The quote from ${item.name} is now ${statusWord(item.status)}.`,
  },
  vendorQuotes: {
    added: (item) => `Your quote for “${item.name}” is sent.`,
    changed: (item) => `Your quote for “${item.name}” was ${statusWord(item.status)}.`,
  },
  bookings: {
    added: (item) => `New booking: ${item.name}.`,
    changed: (item) => `Your booking for ${item.name} is now ${statusWord(item.status)}.`,
  },
}

/** What changed between two renders of a live page, as sentences, in the page's order. */
export const describeChanges = (
  page: LivePage,
  before: LiveItem[],
  after: LiveItem[],
): string[] => {
  const previous = new Map(before.map((item) => [item.id, item]))
  const sentences: string[] = []
  for (const item of after) {
    const was = previous.get(item.id)
    if (!was) sentences.push(SENTENCES[page].added(item))
    else if (was.status !== item.status) sentences.push(SENTENCES[page].changed(item))
  }
  return sentences
}
