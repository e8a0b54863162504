import type { CollectionSlug, TypeWithID } from 'payload'

import { slugs } from '@/collections/slugs'
import { idOf } from '@/lib/kit/ids'

type Change = {
  operation: 'create' | 'update'
  doc: Record<string, unknown>
  previousDoc?: Record<string, unknown>
}

type WebhookEvent = {
  collection: CollectionSlug
  /** What an integrator is told the event means (the API reference and the admin show it). */
  description: string
  /** Whether this change is the event. */
  happened: (change: Change) => boolean
  /**
   * Whose own event it is: those accounts' endpoints get it. `'readers'`: anyone who may read
   * the document through the API (an open job is on every vendor's board).
   */
  parties: ((doc: Record<string, unknown>) => unknown[]) | 'readers'
  /** Whether an admin's endpoints get it for the whole platform (not for private messages). */
  platform: boolean
}

const statusBecame =
  (...statuses: string[]) =>
  ({ operation, doc, previousDoc }: Change) =>
    statuses.includes(String(doc.status)) &&
    (operation === 'create' || previousDoc?.status !== doc.status)

const created = ({ operation }: Change) => operation === 'create'

/**
 * Fields whose change alone is bookkeeping, not news: the subscribed calendars are read again
 * every 30 minutes (their busy days reach integrators through the availability API instead).
 */
const BOOKKEEPING = new Set(['updatedAt', 'externalCalendars'])

const changedBeyondBookkeeping = ({ operation, doc, previousDoc }: Change) =>
  operation === 'update' &&
  Object.keys({ ...doc, ...previousDoc }).some(
    (key) =>
      !BOOKKEEPING.has(key) && JSON.stringify(doc[key]) !== JSON.stringify(previousDoc?.[key]),
  )

const bothParties = (doc: Record<string, unknown>) => [doc.organizer, doc.vendorOwner]

/**
 * Every event an integrator can subscribe to: which change it is and whose it is. An event is
 * delivered only to an endpoint whose owner may read the document through the API, and the
 * document is sent as that owner reads it (src/lib/webhooks/emit.ts).
 */
export const WEBHOOK_EVENTS = {
  'vendor.updated': {
    collection: slugs.vendors,
    description: 'A vendor profile was changed (by its owner, by staff or by a new rating).',
    happened: changedBeyondBookkeeping,
    parties: (doc) => [doc.owner],
    platform: true,
  },
  'job.published': {
    collection: slugs.jobs,
    description: 'A job opened for quotes. Vendors get the jobs on their board.',
    happened: statusBecame('published'),
    parties: 'readers',
    platform: true,
  },
  'job.closed': {
    collection: slugs.jobs,
    description: 'A job stopped taking quotes: closed by the organizer, or booked (`filled`).',
    happened: ({ operation, doc, previousDoc }) =>
      operation === 'update' &&
      previousDoc?.status === 'published' &&
      ['closed', 'filled'].includes(String(doc.status)),
    parties: 'readers',
    platform: true,
  },
  'quote.submitted': {
    collection: slugs.applications,
    description: 'A vendor sent a quote for a job.',
    happened: created,
    parties: bothParties,
    platform: true,
  },
  'quote.accepted': {
    collection: slugs.applications,
    description: 'The organizer accepted a quote (a booking is created with it).',
    happened: statusBecame('accepted'),
    parties: bothParties,
    platform: true,
  },
  'quote.declined': {
    collection: slugs.applications,
    description: 'The organizer declined a quote, or booked another vendor for the job.',
    happened: statusBecame('declined'),
    parties: bothParties,
    platform: true,
  },
  'booking.created': {
    collection: slugs.bookings,
    description: 'A booking was made from an accepted quote.',
    happened: created,
    parties: bothParties,
    platform: true,
  },
  'booking.cancelled': {
    collection: slugs.bookings,
    description: 'A booking was cancelled by either side.',
    happened: statusBecame('cancelled'),
    parties: bothParties,
    platform: true,
  },
  'booking.completed': {
    collection: slugs.bookings,
    description: 'A booking’s event day ended, or both sides marked it done.',
    happened: ({ operation, doc, previousDoc }) =>
      operation === 'update' && doc.status === 'completed' && previousDoc?.status !== 'completed',
    parties: bothParties,
    platform: true,
  },
  'review.published': {
    collection: slugs.reviews,
    description: 'A review of a vendor passed moderation and is public.',
    happened: statusBecame('published'),
    parties: bothParties,
    platform: true,
  },
  'message.created': {
    collection: slugs.messages,
    description: 'A message was sent in one of your own conversations.',
    happened: created,
    parties: bothParties,
    platform: false,
  },
} as const satisfies Record<string, WebhookEvent>

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[]

/** The events a change to `collection` can be. */
export const eventsOf = (collection: string) =>
  WEBHOOK_EVENT_TYPES.filter((type) => WEBHOOK_EVENTS[type].collection === collection)

/** The accounts whose own event this is. */
export const partiesOf = (type: WebhookEventType, doc: TypeWithID & Record<string, unknown>) => {
  const { parties } = WEBHOOK_EVENTS[type] as WebhookEvent
  return parties === 'readers' ? 'readers' : new Set(parties(doc).filter(Boolean).map(idOf))
}
