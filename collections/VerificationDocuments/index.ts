import {
  APIError,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  type CollectionBeforeChangeHook,
  type CollectionConfig,
  type Validate,
} from 'payload'

import { checkRole } from '@/access/roles'
import { staffField, vendors } from '@/access/rules'
import { writtenBy } from '@/access/writers'
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '@/lib/constants'
import { idOf } from '@/lib/kit/ids'
import { auditStaffFileRead, auditStaffReads } from '@/lib/trust/auditReads'
import { decideDocumentEndpoint } from '@/lib/trust/endpoints'
import { checkNzbn } from '@/lib/trust/nzbn'
import { recomputeVerification } from '@/lib/trust/verification'
import type { VerificationDocument } from '@/payload-types'

import { slugs } from '../slugs'
import { decidedByModerators, ownerOrStaff, ownPending } from './access'

const systemField = { create: decidedByModerators, update: decidedByModerators }

const validateNzbn: Validate = (value, { siblingData }) => {
  const data = siblingData as { type?: string }
  if (data.type !== 'nzbn') return true
  if (value == null || value === '') return 'Enter the business’s NZBN.'
  const result = checkNzbn(value)
  return result.ok ? true : result.message
}

const validateExpiry: Validate = (value, { siblingData, operation }) => {
  const data = siblingData as { type?: string }
  if (data.type !== 'insurance') return true
  if (!value) return 'Enter the date the insurance expires.'
  const expires = new Date(String(value))
  if (Number.isNaN(expires.getTime())) return 'Enter a valid date.'
  if (operation === 'create' && expires.getTime() <= Date.now())
    return 'This insurance has already expired: upload the current certificate.'
  return true
}

/** The uploader's vendor profile, and the NZBN in its 13-digit form. */
const placeWithVendor: CollectionBeforeChangeHook<VerificationDocument> = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create') return data
  if (!checkRole(['vendor'], req.user)) {
    throw new APIError('Only vendors upload verification documents.', 403, undefined, true)
  }
  const { docs } = await req.payload.find({
    collection: slugs.vendors,
    where: { owner: { equals: req.user!.id } },
    limit: 1,
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
  })
  const vendor = docs[0]
  if (!vendor) {
    throw new APIError(
      'Create your vendor profile before uploading documents.',
      409,
      undefined,
      true,
    )
  }
  const nzbn = data.type === 'nzbn' ? checkNzbn(data.nzbn) : null
  return {
    ...data,
    vendor: vendor.id,
    owner: req.user!.id,
    status: 'pending',
    nzbn: nzbn?.ok ? nzbn.nzbn : data.type === 'nzbn' ? data.nzbn : null,
    expiresAt: data.type === 'insurance' ? data.expiresAt : null,
  }
}

/** A new or withdrawn document moves the vendor's verification status (pending, or back). */
const pendingBadge: CollectionAfterChangeHook<VerificationDocument> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation === 'create' && doc.vendor) await recomputeVerification(req, idOf(doc.vendor))
  return doc
}

const pendingBadgeAfterDelete: CollectionAfterDeleteHook<VerificationDocument> = async ({
  doc,
  req,
}) => {
  if (doc.vendor) await recomputeVerification(req, idOf(doc.vendor))
  return doc
}

/**
 * Documents a vendor sends to be verified: NZBN registration, insurance, licences, ID. Private
 * files, served (also by direct file URL) only to the owner, moderators and admins; every staff
 * read is in the audit log. A moderator approves or rejects each with notes; insurance expires
 * on its date. An approved registration plus current insurance earns the Verified badge.
 */
export const VerificationDocuments: CollectionConfig<'verification-documents'> = {
  slug: slugs.verificationDocuments,
  labels: { singular: 'Verification document', plural: 'Verification documents' },
  admin: {
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'type', 'vendor', 'status', 'expiresAt', 'createdAt'],
    group: 'Trust & safety',
    hidden: ({ user }) => !checkRole(['admin', 'moderator', 'vendor'], user),
    hideAPIURL: true,
    description:
      'Private: only you and the Event Pros team can open these. Upload your NZBN registration and current insurance to earn the Verified badge.',
    baseListFilter: ({ req: { user } }) =>
      user && checkRole(['vendor'], user) ? { owner: { equals: user.id } } : null,
  },
  access: {
    read: ownerOrStaff,
    create: vendors,
    update: writtenBy('trust'),
    delete: ownPending,
  },
  endpoints: [decideDocumentEndpoint],
  hooks: {
    beforeChange: [placeWithVendor],
    afterChange: [pendingBadge],
    afterDelete: [pendingBadgeAfterDelete],
    afterOperation: [auditStaffReads('verification-documents')],
  },
  // Stored under PRIVATE_FILES_DIR with generated names: filesPlugin in payload.config.ts.
  upload: {
    mimeTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
    handlers: [auditStaffFileRead],
  },
  fields: [
    {
      name: 'type',
      type: 'select',
      required: true,
      options: DOCUMENT_TYPES.map(({ label, value }) => ({ label, value })),
      access: { update: decidedByModerators },
    },
    {
      name: 'nzbn',
      label: 'NZBN',
      type: 'text',
      maxLength: 20,
      validate: validateNzbn,
      access: { update: decidedByModerators },
      admin: {
        condition: (data) => data?.type === 'nzbn',
        description: 'The 13-digit New Zealand Business Number; we check it before review.',
      },
    },
    {
      name: 'expiresAt',
      label: 'Expires on',
      type: 'date',
      index: true,
      validate: validateExpiry,
      access: { update: decidedByModerators },
      admin: { condition: (data) => data?.type === 'insurance' },
    },
    {
      name: 'description',
      type: 'text',
      maxLength: 200,
      admin: { description: 'For example, the licence’s name.' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: DOCUMENT_STATUSES.map(({ label, value }) => ({ label, value })),
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'reviewNotes',
      type: 'textarea',
      maxLength: 1000,
      access: systemField,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'From the moderator who looked at it.',
      },
    },
    {
      name: 'reviewedBy',
      type: 'relationship',
      relationTo: slugs.users,
      access: { read: staffField, ...systemField },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'reviewedAt',
      type: 'date',
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'vendor',
      type: 'relationship',
      relationTo: slugs.vendors,
      index: true,
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: slugs.users,
      index: true,
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'reminderSentAt',
      type: 'date',
      access: { create: () => false, update: () => false },
      admin: { hidden: true },
    },
  ],
  timestamps: true,
}
