import type { CollectionAfterReadHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { and, type Rule } from '@/access/combinators'
import { checkRole } from '@/access/roles'
import { admins, systemWritten } from '@/access/rules'
import { WRITERS, writerValue, writtenBy } from '@/access/writers'
import { INVITATION_DECLINE_REASONS, INVITATION_STATUSES } from '@/lib/constants'
import { idOf } from '@/lib/kit/ids'
import { textForReader } from '@/lib/messaging/masking'
import type { Invitation } from '@/payload-types'

import {
  jobAndVendorRow,
  partiesOrStaffField,
  partyField,
  rowsNaming,
  stateMachineFields,
} from '../fields/marketplace'
import { partiesOrStaff } from '../Applications/access'
import { slugs } from '../slugs'
import { invitationEndpoints } from './endpoints'

/**
 * Every field is written by `src/lib/marketplace/invitations.ts` alone, which checks the job,
 * the vendor and the daily limit first and passes what it writes along with its mark; nothing
 * in a REST or GraphQL body reaches the row.
 */
const writeWhatInvitingSent: CollectionBeforeChangeHook<Invitation> = ({ data, req }) => {
  const changes = writerValue<Partial<Invitation>>(req, 'inviting')
  // The Local API leaves a call's context on the request: taken once, so a later write on the
  // same request (erasure's bulk updates after a withdrawal) does not copy this one's changes.
  if (changes) delete req.context[WRITERS.inviting]
  return { ...data, ...(changes ?? {}) }
}

/**
 * Each side reads the other's words (the organizer's note, the vendor's reason for declining)
 * with contact details masked until the two have a booking, as in messages.
 */
const maskNotesForReader: CollectionAfterReadHook<Invitation> = async ({ doc, req }) => {
  const pair = { organizer: idOf(doc.organizer), vendorOwner: idOf(doc.vendorOwner) }
  const read = async (text: string | null | undefined, author: number) =>
    text ? (await textForReader(req, text, { ...pair, author })).text : text
  const history = await Promise.all(
    (doc.history ?? []).map(async (step) => ({
      ...step,
      note: await read(step.note, step.by == null ? pair.vendorOwner : idOf(step.by)),
    })),
  )
  return {
    ...doc,
    message: await read(doc.message, pair.organizer),
    declineNote: await read(doc.declineNote, pair.vendorOwner),
    ...(doc.history ? { history } : {}),
  }
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
    afterRead: [maskNotesForReader],
  },
  fields: [
    jobAndVendorRow(),
    {
      name: 'message',
      type: 'textarea',
      maxLength: 1000,
      access: systemWritten,
      // Filters run on the stored text, before masking: only on one's own (and staff's).
      custom: { readableRows: rowsNaming('organizer') },
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
    {
      name: 'declineNote',
      type: 'textarea',
      maxLength: 500,
      access: systemWritten,
      custom: { readableRows: rowsNaming('vendorOwner') },
    },
    {
      name: 'quote',
      type: 'relationship',
      relationTo: slugs.applications,
      access: systemWritten,
      admin: { readOnly: true, description: 'The quote the vendor answered with.' },
    },
    partyField('vendorOwner', partiesOrStaffField),
    partyField('organizer', partiesOrStaffField),
  ],
  timestamps: true,
}
