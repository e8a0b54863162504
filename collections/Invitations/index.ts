import type { CollectionAfterReadHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { and, or, type Rule } from '@/access/combinators'
import { checkRole } from '@/access/roles'
import { admins, organizers, ownedBy, staff, systemWritten, vendors } from '@/access/rules'
import { writerValue, writtenBy } from '@/access/writers'
import { INVITATION_DECLINE_REASONS, INVITATION_STATUSES } from '@/lib/constants'
import { idOf } from '@/lib/kit/ids'
import { textForReader } from '@/lib/messaging/masking'
import type { Invitation } from '@/payload-types'

import { partiesOrStaffField, stateMachineFields } from '../fields/marketplace'
import { slugs } from '../slugs'
import { invitationEndpoints } from './endpoints'

/** Staff: every invitation. An organizer: those they sent. A vendor: those addressed to them. */
const partiesOrStaff: Rule = or(
  staff,
  and(organizers, ownedBy('organizer')),
  and(vendors, ownedBy('vendorOwner')),
)

/**
 * Every field is written by `src/lib/marketplace/invitations.ts` alone, which checks the job,
 * the vendor and the daily limit first and passes what it writes along with its mark; nothing
 * in a REST or GraphQL body reaches the row.
 */
const writeWhatInvitingSent: CollectionBeforeChangeHook<Invitation> = ({ data, req }) => ({
  ...data,
  ...(writerValue<Partial<Invitation>>(req, 'inviting') ?? {}),
})

/** The vendor reads the organizer's note with contact details masked until the two have a booking. */
const maskNoteForVendor: CollectionAfterReadHook<Invitation> = async ({ doc, req }) => {
  if (!doc.message) return doc
  const { text, masked } = await textForReader(req, doc.message, {
    organizer: idOf(doc.organizer),
    vendorOwner: idOf(doc.vendorOwner),
    author: idOf(doc.organizer),
  })
  return masked ? { ...doc, message: text } : doc
}

/**
 * An organizer's request to one vendor to quote on one of their jobs (`POST
 * /api/jobs/:id/invitations`). The vendor answers with a quote through the usual apply rules
 * (an invitation lets them quote past the job's public cap) or declines with a reason; the
 * answer within 24 hours counts towards their response rate.
 */
export const Invitations: CollectionConfig<'invitations'> = {
  slug: slugs.invitations,
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['job', 'vendor', 'status', 'createdAt'],
    group: 'Marketplace',
    description: 'Organizers’ requests to particular vendors to quote. Sent from the site.',
    hidden: ({ user }) => checkRole(['organizer', 'vendor'], user),
    hideAPIURL: true,
  },
  access: {
    read: partiesOrStaff,
    create: writtenBy('inviting'),
    update: and(writtenBy('inviting') as Rule, partiesOrStaff),
    delete: admins,
  },
  endpoints: invitationEndpoints,
  indexes: [{ fields: ['job', 'vendor'], unique: true }],
  hooks: {
    beforeChange: [writeWhatInvitingSent],
    afterRead: [maskNoteForVendor],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'job',
          type: 'relationship',
          relationTo: slugs.jobs,
          required: true,
          index: true,
          access: systemWritten,
        },
        {
          name: 'vendor',
          type: 'relationship',
          relationTo: slugs.vendors,
          required: true,
          index: true,
          access: systemWritten,
        },
      ],
    },
    {
      name: 'message',
      type: 'textarea',
      maxLength: 1000,
      access: systemWritten,
      admin: { description: 'The organizer’s note to the vendor, if any.' },
    },
    ...stateMachineFields({
      statuses: INVITATION_STATUSES,
      defaultValue: 'sent',
      historyReadableBy: partiesOrStaffField,
    }),
    {
      type: 'row',
      fields: [
        {
          name: 'seenAt',
          type: 'date',
          access: systemWritten,
          admin: { readOnly: true, description: 'When the vendor first opened it.' },
        },
        {
          name: 'respondedAt',
          type: 'date',
          index: true,
          access: systemWritten,
          admin: { readOnly: true, description: 'When the vendor quoted or declined.' },
        },
        {
          name: 'closedAt',
          type: 'date',
          access: systemWritten,
          admin: { readOnly: true, description: 'When it was withdrawn, if it was.' },
        },
      ],
    },
    {
      name: 'declineReason',
      type: 'select',
      options: INVITATION_DECLINE_REASONS.map(({ label, value }) => ({ label, value })),
      access: systemWritten,
    },
    { name: 'declineNote', type: 'textarea', maxLength: 500, access: systemWritten },
    {
      name: 'quote',
      type: 'relationship',
      relationTo: slugs.applications,
      access: systemWritten,
      admin: { readOnly: true, description: 'The quote the vendor answered with.' },
    },
    {
      name: 'vendorOwner',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: { ...systemWritten, read: partiesOrStaffField },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'organizer',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: { ...systemWritten, read: partiesOrStaffField },
      admin: { position: 'sidebar', readOnly: true },
    },
  ],
  timestamps: true,
}
