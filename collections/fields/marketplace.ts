import type { Field, FieldAccess, Validate, Where } from 'payload'

import { isStaffUser } from '@/access/roles'
import { namedOrStaff, nobody, systemWritten } from '@/access/rules'
import { writtenByField } from '@/access/writers'
import { idOf } from '@/lib/kit/ids'
import { isValidDate, nzDay, nzToday } from '@/lib/marketplace/dates'
import type { ReadableRows, StrictInputFieldCustom } from '@/plugins/strictInput'

import { slugs } from '../slugs'

/** Fields only the organizer of a job, quote or booking (and staff) may read. */
export const organizerOrStaff: FieldAccess = ({ req: { user }, doc }) =>
  isStaffUser(user) ||
  Boolean(user && doc && idOf((doc as { organizer?: unknown }).organizer) === user.id)

/**
 * The street address of an event: its organizer and staff, and the vendor booked for it
 * (a job is `filled` once booked, so other jobs need no lookup).
 */
export const eventAddressReadableBy: FieldAccess = async ({ req, doc }) => {
  if (organizerOrStaff({ req, doc } as Parameters<FieldAccess>[0])) return true
  const job = doc as { id?: number; status?: string } | undefined
  if (!req.user || job?.status !== 'filled' || !job.id) return false
  // System check: whether this vendor holds the booking decides what they may read.
  const { totalDocs } = await req.payload.count({
    collection: slugs.bookings,
    where: {
      and: [
        { job: { equals: job.id } },
        { vendorOwner: { equals: req.user.id } },
        // A vendor whose booking was cancelled no longer needs to know where the event is.
        { status: { in: ['confirmed', 'completed'] } },
      ],
    },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

/** Fields both sides of a quote or booking (and staff) may read: its history, who is on it. */
export const partiesOrStaffField = namedOrStaff('organizer', 'vendorOwner')

/**
 * The rows on which a field naming a person (`organizer`, `owner`…) is shown: staff see it
 * everywhere, a signed-in person on their own rows. Filters on the field keep to those rows
 * (strictInput's ReadableRows), so filtering by someone else's id finds nothing.
 */
export const rowsNaming =
  (...fields: string[]): ReadableRows =>
  (user) => {
    if (isStaffUser(user)) return true
    if (!user) return false
    const own: Where[] = fields.map((field) => ({ [field]: { equals: user.id } }))
    return own.length === 1 ? own[0]! : { or: own }
  }

/** Filters and sorts on a field for staff only (what it holds is not what others are shown). */
export const staffRows: ReadableRows = (user) => isStaffUser(user)

/** Read by staff and the person the field names; filters keep to that person's rows. */
export const personField = (
  field: string,
): { access: { read: FieldAccess }; custom: StrictInputFieldCustom } => ({
  access: { read: namedOrStaff(field) },
  custom: { readableRows: rowsNaming(field) },
})

/** A quote's or an invitation's job and vendor, side by side, written by its own module only. */
export const jobAndVendorRow = (): Field => ({
  type: 'row',
  fields: (
    [
      ['job', slugs.jobs],
      ['vendor', slugs.vendors],
    ] as const
  ).map(([name, relationTo]) => ({
    name,
    type: 'relationship' as const,
    relationTo,
    required: true,
    index: true,
    access: systemWritten,
  })),
})

/** One of the two people a quote or an invitation is between: set by the system, in the sidebar. */
export const partyField = (name: 'organizer' | 'vendorOwner', read?: FieldAccess): Field => ({
  name,
  type: 'relationship',
  relationTo: slugs.users,
  index: true,
  access: read ? { ...systemWritten, read } : systemWritten,
  admin: { position: 'sidebar', readOnly: true },
})

/**
 * Who made a document (an upload, a saved list): set by the collection's own hook from the
 * signed-in person, never changed afterwards, shown to them and staff only.
 */
export const ownerField = (): Field => {
  const shown = personField('owner')
  return {
    name: 'owner',
    type: 'relationship',
    relationTo: slugs.users,
    index: true,
    access: { ...shown.access, update: nobody },
    custom: shown.custom,
    admin: { readOnly: true, position: 'sidebar' },
  }
}

export const wholeNumber =
  (label: string, min: number, max: number): Validate =>
  (value: unknown) => {
    if (value == null || value === '') return true
    if (typeof value !== 'number' || !Number.isInteger(value))
      return `${label} must be a whole number.`
    if (value < min) return `${label} must be at least ${min.toLocaleString('en-NZ')}.`
    if (value > max) return `${label} must be at most ${max.toLocaleString('en-NZ')}.`
    return true
  }

/** A date that must not be before today in New Zealand — checked when it is set or changed. */
export const notInThePast =
  (message: string): Validate =>
  (
    value: unknown,
    { operation, previousValue }: { operation?: string; previousValue?: unknown },
  ) => {
    if (value == null || value === '') return true
    if (!isValidDate(value)) return 'Enter a valid date.'
    const unchanged =
      operation === 'update' && previousValue && nzDay(previousValue as string) === nzDay(value)
    if (unchanged) return true
    return nzDay(value) < nzToday() ? message : true
  }

/** Status changes and their history are written by the state machine only. */
export const stateMachineFields = (options: {
  statuses: readonly { value: string; label: string }[]
  defaultValue: string
  /** Who may read the history of who changed what and when. */
  historyReadableBy: FieldAccess
}): Field[] => [
  {
    name: 'status',
    type: 'select',
    required: true,
    index: true,
    defaultValue: options.defaultValue,
    options: options.statuses.map(({ label, value }) => ({ label, value })),
    access: { create: writtenByField('stateMachine'), update: writtenByField('stateMachine') },
    admin: {
      position: 'sidebar',
      description: 'Changed with the actions on the site, never by hand.',
    },
  },
  {
    name: 'history',
    type: 'array',
    access: {
      read: options.historyReadableBy,
      create: writtenByField('stateMachine'),
      update: writtenByField('stateMachine'),
    },
    admin: { readOnly: true, initCollapsed: true },
    fields: [
      { name: 'from', type: 'text' },
      { name: 'to', type: 'text', required: true },
      { name: 'by', type: 'relationship', relationTo: slugs.users },
      {
        name: 'at',
        type: 'date',
        required: true,
        admin: { date: { pickerAppearance: 'dayAndTime' } },
      },
      { name: 'note', type: 'text', maxLength: 500 },
    ],
  },
]
