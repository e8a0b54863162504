import type { CollectionConfig, NumberField, ValidateOptions } from 'payload'

import { checkRole } from '@/access/roles'
import { nobody, staffWrites } from '@/access/rules'
import { writtenByField } from '@/access/writers'
import { EVENT_TYPES, JOB_STATUSES } from '@/lib/constants'
import { isValidDate, nzDay } from '@/lib/marketplace/dates'

import {
  eventAddressReadableBy,
  notInThePast,
  organizerOrStaff,
  stateMachineFields,
  wholeNumber,
} from '../fields/marketplace'
import { coordinatesRow, townAndRegionRow } from '../fields/place'
import { slugs } from '../slugs'
import { canDeleteJob, canEditJob, canPostJob, canReadJob } from './access'
import { jobEndpoints } from './endpoints'
import { assignJobOrganizer } from './hooks/assignJobOrganizer'
import { locateJob } from './hooks/locateJob'
import { announceWebhookEvents } from '@/lib/webhooks/emit'

const MAX_BUDGET = 10_000_000

export const Jobs: CollectionConfig<'jobs'> = {
  slug: slugs.jobs,
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'eventType', 'eventDate', 'status', 'organizer'],
    group: 'Marketplace',
    hidden: ({ user }) => checkRole(['vendor'], user),
  },
  access: {
    read: canReadJob,
    create: canPostJob,
    update: canEditJob,
    delete: canDeleteJob,
  },
  endpoints: jobEndpoints,
  hooks: {
    beforeValidate: [locateJob],
    beforeChange: [assignJobOrganizer],
    afterChange: [announceWebhookEvents],
  },
  fields: [
    { name: 'title', type: 'text', required: true, minLength: 5, maxLength: 150 },
    { name: 'description', type: 'textarea', required: true, minLength: 20, maxLength: 5000 },
    {
      type: 'row',
      fields: [
        {
          name: 'eventType',
          type: 'select',
          required: true,
          index: true,
          options: EVENT_TYPES.map(({ label, value }) => ({ label, value })),
        },
        {
          name: 'guestCount',
          type: 'number',
          required: true,
          validate: wholeNumber('Guest count', 1, 100_000),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'eventDate',
          type: 'date',
          required: true,
          index: true,
          validate: notInThePast('The event date cannot be in the past.'),
        },
        {
          name: 'eventEndDate',
          type: 'date',
          validate: (value: unknown, { siblingData }: { siblingData: { eventDate?: string } }) => {
            if (value == null || value === '') return true
            if (!isValidDate(value)) return 'Enter a valid date.'
            const start = siblingData.eventDate
            return start && isValidDate(start) && nzDay(value) < nzDay(start)
              ? 'The event cannot end before it starts.'
              : true
          },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'eventTime',
          type: 'text',
          maxLength: 5,
          validate: (value: unknown) =>
            value == null || value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(String(value))
              ? true
              : 'Use 24-hour time like 14:30.',
        },
        {
          name: 'eventDurationHours',
          type: 'number',
          min: 0.5,
          max: 240,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'budgetMin',
          type: 'number',
          required: true,
          validate: wholeNumber('Minimum budget', 0, MAX_BUDGET),
        },
        {
          name: 'budgetMax',
          type: 'number',
          required: true,
          validate: (
            value: unknown,
            args: ValidateOptions<unknown, { budgetMin?: number }, NumberField, number>,
          ) => {
            const whole = wholeNumber('Maximum budget', 1, MAX_BUDGET)(value, args)
            if (whole !== true) return whole
            const min = args.siblingData.budgetMin
            return typeof min === 'number' && typeof value === 'number' && value < min
              ? 'The maximum budget must be at least the minimum.'
              : true
          },
          admin: { description: 'Whole NZ dollars, GST inclusive.' },
        },
      ],
    },
    {
      name: 'location',
      type: 'group',
      fields: [
        {
          name: 'address',
          type: 'text',
          maxLength: 200,
          // Vendors see the town; the street address is shared once there is a booking.
          access: { read: eventAddressReadableBy },
        },
        townAndRegionRow,
        coordinatesRow,
      ],
    },
    {
      name: 'categories',
      type: 'relationship',
      relationTo: slugs.categories,
      hasMany: true,
      required: true,
      minRows: 1,
      maxRows: 10,
    },
    { name: 'specialRequirements', type: 'textarea', maxLength: 2000 },
    {
      name: 'contactPreferences',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'email', type: 'checkbox', defaultValue: true },
            { name: 'phone', type: 'checkbox', defaultValue: false },
          ],
        },
        { name: 'preferredTime', type: 'text', maxLength: 100 },
      ],
    },
    {
      name: 'applicationDeadline',
      type: 'date',
      index: true,
      admin: {
        date: { pickerAppearance: 'dayAndTime' },
        description: 'Quotes close at this time.',
      },
      validate: (
        value: unknown,
        args: { operation?: string; previousValue?: unknown; siblingData: { eventDate?: string } },
      ) => {
        if (value == null || value === '') return true
        if (!isValidDate(value)) return 'Enter a valid date and time.'
        const changed = args.operation !== 'update' || String(args.previousValue) !== String(value)
        if (changed && new Date(value).getTime() <= Date.now())
          return 'The quote deadline must be in the future.'
        const event = args.siblingData.eventDate
        return event && isValidDate(event) && nzDay(value) > nzDay(event)
          ? 'Quotes must close on or before the event date.'
          : true
      },
    },
    { name: 'isUrgent', type: 'checkbox', defaultValue: false, index: true },
    ...stateMachineFields({
      statuses: JOB_STATUSES,
      defaultValue: 'draft',
      historyReadableBy: organizerOrStaff,
    }),
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: staffWrites,
      filterOptions: { role: { equals: 'organizer' } },
      admin: { position: 'sidebar' },
    },
    {
      name: 'publishedAt',
      type: 'date',
      // The admin's analytics read the jobs posted each week by it.
      index: true,
      access: { create: nobody, update: writtenByField('stateMachine') },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'deadlineReminderSentAt',
      type: 'date',
      access: { read: organizerOrStaff, create: nobody, update: nobody },
      admin: { hidden: true },
    },
  ],
  timestamps: true,
}
