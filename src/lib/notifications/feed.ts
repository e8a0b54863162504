import type { PayloadRequest, Where } from 'payload'

import { slugs } from '@/collections/slugs'
import { idOf } from '@/lib/kit/ids'
import type {
  Application,
  Booking,
  Invitation,
  Job,
  Review,
  Thread,
  User,
  Vendor,
} from '@/payload-types'

export type Notification = { key: string; text: string; href: string; at: string }

export type NotificationFeed = { items: Notification[]; newCount: number; seenAt: string | null }

export const FEED_LIMIT = 20

const QUOTE_NEWS = ['shortlisted', 'accepted', 'declined'] as const

const titleOf = (job: number | Job | null | undefined) =>
  typeof job === 'object' && job ? `'${job.title}'` : 'your job'

const nameOf = (vendor: number | Vendor | null | undefined) =>
  typeof vendor === 'object' && vendor ? vendor.businessName : 'A vendor'

/**
 * Reads one collection as the person (their own access rules decide what comes back), newest
 * first, at most a feed's worth.
 */
const readAs = async <T>(
  req: PayloadRequest,
  collection: 'applications' | 'bookings' | 'invitations' | 'reviews' | 'threads',
  where: Where,
  sort = '-updatedAt',
): Promise<T[]> => {
  const { docs } = await req.payload.find({
    collection,
    where,
    sort,
    limit: FEED_LIMIT,
    depth: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  return docs as T[]
}

/**
 * What happened to a booking that the person did not do themselves: the other side marked it
 * done, cancelled it (staff too), or it completed — for the organizer, with the way to review.
 */
const bookingNews = (booking: Booking, user: User): Notification[] => {
  const asOrganizer = idOf(booking.organizer) === user.id
  const title = titleOf(booking.job)
  const page = `/bookings/${booking.id}`
  const news: Notification[] = []
  const theirMark = asOrganizer ? booking.vendorDoneAt : booking.organizerDoneAt
  if (theirMark && booking.status === 'confirmed') {
    news.push({
      key: `booking-${booking.id}-marked`,
      text: `${asOrganizer ? nameOf(booking.vendor) : 'The organizer'} marked ${title} done`,
      href: page,
      at: theirMark,
    })
  }
  for (const step of booking.history ?? []) {
    const by = step.by == null ? null : idOf(step.by)
    if (by === user.id || (step.to !== 'cancelled' && step.to !== 'completed')) continue
    const who =
      by === idOf(booking.organizer)
        ? 'The organizer'
        : by === idOf(booking.vendorOwner)
          ? nameOf(booking.vendor)
          : 'Event Pros NZ'
    news.push(
      step.to === 'cancelled'
        ? {
            key: `booking-${booking.id}-cancelled`,
            text: `${who} cancelled the booking for ${title}`,
            href: page,
            at: step.at,
          }
        : {
            key: `booking-${booking.id}-completed`,
            text: asOrganizer
              ? `${title} is complete: review ${nameOf(booking.vendor)}`
              : `The booking for ${title} is complete`,
            href: asOrganizer ? `${page}/review` : page,
            at: step.at,
          },
    )
  }
  return news
}

const organizerItems = async (req: PayloadRequest, user: User): Promise<Notification[]> => {
  const [quotes, bookings, declined] = await Promise.all([
    readAs<Application>(req, slugs.applications, { organizer: { equals: user.id } }, '-createdAt'),
    readAs<Booking>(req, slugs.bookings, { organizer: { equals: user.id } }),
    readAs<Invitation>(
      req,
      slugs.invitations,
      { and: [{ organizer: { equals: user.id } }, { status: { equals: 'declined' } }] },
      '-respondedAt',
    ),
  ])
  return [
    ...declined.map((invitation) => ({
      key: `invitation-${invitation.id}-declined`,
      text: `${nameOf(invitation.vendor)} can’t quote for ${titleOf(invitation.job)}`,
      href: `/my-jobs/${idOf(invitation.job)}`,
      at: invitation.respondedAt ?? invitation.updatedAt,
    })),
    ...quotes.map((quote) => ({
      key: `quote-${quote.id}`,
      text: `${nameOf(quote.vendor)} sent a quote for ${titleOf(quote.job)}`,
      href: `/my-jobs/${idOf(quote.job)}`,
      at: quote.createdAt,
    })),
    ...bookings.map((booking) => ({
      key: `booking-${booking.id}`,
      text: `You booked ${nameOf(booking.vendor)} for ${titleOf(booking.job)}`,
      href: '/bookings',
      at: booking.createdAt,
    })),
    ...bookings.flatMap((booking) => bookingNews(booking, user)),
  ]
}

const vendorItems = async (req: PayloadRequest, user: User): Promise<Notification[]> => {
  const [invitations, quotes, bookings, reviews] = await Promise.all([
    readAs<Invitation>(req, slugs.invitations, { vendorOwner: { equals: user.id } }, '-createdAt'),
    readAs<Application>(req, slugs.applications, {
      and: [{ vendorOwner: { equals: user.id } }, { status: { in: [...QUOTE_NEWS] } }],
    }),
    readAs<Booking>(req, slugs.bookings, { vendorOwner: { equals: user.id } }),
    readAs<Review>(
      req,
      slugs.reviews,
      { and: [{ vendorOwner: { equals: user.id } }, { status: { equals: 'published' } }] },
      '-publishedAt',
    ),
  ])
  // Each step of a quote is its own news: shortlisted on Monday, accepted on Friday.
  const quoteNews = quotes.flatMap((quote) =>
    (quote.history ?? [])
      .filter((step) => (QUOTE_NEWS as readonly string[]).includes(step.to))
      .map((step) => ({
        key: `quote-${quote.id}-${step.to}`,
        text: `Your quote for ${titleOf(quote.job)} was ${step.to}`,
        href: `/jobs/${idOf(quote.job)}`,
        at: step.at,
      })),
  )
  return [
    ...invitations.map((invitation) => ({
      key: `invitation-${invitation.id}`,
      text: `An organizer invited you to quote for ${titleOf(invitation.job)}`,
      href: `/jobs/${idOf(invitation.job)}`,
      at: invitation.createdAt,
    })),
    // Not a correction of the news above, which was true when it came: news of its own.
    ...invitations
      .filter((invitation) => invitation.status === 'withdrawn' && invitation.closedAt)
      .map((invitation) => ({
        key: `invitation-${invitation.id}-withdrawn`,
        text: `The request to quote for ${titleOf(invitation.job)} was withdrawn: the job closed or was booked`,
        href: `/jobs/${idOf(invitation.job)}`,
        at: invitation.closedAt!,
      })),
    ...quoteNews,
    ...bookings.map((booking) => ({
      key: `booking-${booking.id}`,
      text: `New booking for ${titleOf(booking.job)}`,
      href: '/bookings',
      at: booking.createdAt,
    })),
    ...bookings.flatMap((booking) => bookingNews(booking, user)),
    ...reviews.map((review) => ({
      key: `review-${review.id}`,
      text: 'A new review of your business is live',
      href:
        typeof review.vendor === 'object' && review.vendor?.slug
          ? `/vendors/${review.vendor.slug}#review-${review.id}`
          : '/admin',
      at: review.publishedAt ?? review.updatedAt,
    })),
  ]
}

const messageItems = async (req: PayloadRequest, user: User): Promise<Notification[]> => {
  const threads = await readAs<Thread>(
    req,
    slugs.threads,
    {
      or: [
        { and: [{ organizer: { equals: user.id } }, { organizerUnread: { greater_than: 0 } }] },
        { and: [{ vendorOwner: { equals: user.id } }, { vendorUnread: { greater_than: 0 } }] },
      ],
    },
    '-lastMessageAt',
  )
  return threads.map((thread) => {
    const mine = idOf(thread.organizer) === user.id
    const unread = (mine ? thread.organizerUnread : thread.vendorUnread) ?? 0
    const from = mine ? nameOf(thread.vendor) : (thread.organizerName ?? 'An organizer')
    return {
      key: `thread-${thread.id}-${unread}`,
      text: `${unread} unread ${unread === 1 ? 'message' : 'messages'} from ${from}`,
      href: `/inbox/${thread.id}`,
      at: thread.lastMessageAt ?? thread.updatedAt,
    }
  })
}

/** Newest first, at most `FEED_LIMIT`, and how many came after the person last opened the bell. */
export const newestFirst = (
  items: Notification[],
  seenAt: string | null | undefined,
): NotificationFeed => {
  const sorted = [...items]
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .slice(0, FEED_LIMIT)
  const seen = seenAt ? new Date(seenAt).getTime() : -Infinity
  return {
    items: sorted,
    newCount: sorted.filter((item) => new Date(item.at).getTime() > seen).length,
    seenAt: seenAt ?? null,
  }
}

/**
 * The bell's list, derived from the collections when it is asked for (nothing is stored per
 * notification): quotes and bookings on an organizer's jobs; a vendor's quote news, bookings and
 * published reviews; and for everyone their unread conversations.
 */
export const notificationFeedOf = async (req: PayloadRequest, user: User) => {
  const byRole =
    user.role === 'organizer'
      ? organizerItems(req, user)
      : user.role === 'vendor'
        ? vendorItems(req, user)
        : Promise.resolve([])
  const [own, messages] = await Promise.all([byRole, messageItems(req, user)])
  return newestFirst([...own, ...messages], user.notificationsSeenAt)
}
