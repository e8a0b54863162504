import type { PayloadRequest } from 'payload'

import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { DOCUMENT_TYPES } from '@/lib/constants'
import { queueEmail } from '@/lib/kit/email'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import { nzLongDate } from '@/lib/marketplace/dates'
import type { Vendor, VerificationDocument } from '@/payload-types'

import { moderation } from './moderation'
import { INSURANCE_REMINDER_MS } from './rules'

const typeLabel = (type: string) => DOCUMENT_TYPES.find((t) => t.value === type)?.label ?? type

const isCurrent = (doc: VerificationDocument, now = Date.now()) =>
  doc.status === 'approved' && (!doc.expiresAt || new Date(doc.expiresAt).getTime() > now)

/**
 * Verified means an approved business registration and current approved insurance. Otherwise
 * the vendor is pending while a document waits, rejected if their last decision was a
 * rejection, and unverified with nothing on file. Worked out from the documents every time.
 */
export const recomputeVerification = async (req: PayloadRequest, vendorId: number) => {
  // System read: every document of this vendor decides the badge, whoever triggered it.
  const { docs } = await req.payload.find({
    collection: slugs.verificationDocuments,
    where: { vendor: { equals: vendorId } },
    sort: '-reviewedAt',
    limit: 200,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const documents = docs as VerificationDocument[]
  const has = (type: string) => documents.some((doc) => doc.type === type && isCurrent(doc))
  const status: Vendor['verificationStatus'] =
    has('nzbn') && has('insurance')
      ? 'verified'
      : documents.some((doc) => doc.status === 'pending')
        ? 'pending'
        : documents.find((doc) => doc.reviewedAt)?.status === 'rejected'
          ? 'rejected'
          : 'unverified'
  // System read and write: the badge is the platform's to set, not the vendor's or moderator's.
  const vendor = (await req.payload.findByID({
    collection: slugs.vendors,
    id: vendorId,
    depth: 0,
    overrideAccess: true,
    req,
  })) as Vendor
  if (vendor.verificationStatus !== status) {
    await req.payload.update({
      collection: slugs.vendors,
      id: vendorId,
      data: { verificationStatus: status },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
  return status
}

/** A moderator approves or rejects a document with notes; the vendor is told, and it is audited. */
export const decideDocument = moderation({
  collection: slugs.verificationDocuments,
  noun: 'Document',
  auditAs: 'verification',
  field: 'decision',
  choices: { approve: { needsReason: false }, reject: { needsReason: true } },
  reasonField: 'notes',
  context: writingAs('trust'),
  act: async (doc, { req, moderator, choice: decision, reason: notes, save }) => {
    const approved = decision === 'approve'
    if (doc.status !== 'pending')
      throw new RequestError(409, 'ALREADY_DECIDED', `This document is already ${doc.status}.`)
    if (approved && doc.expiresAt && new Date(doc.expiresAt).getTime() <= Date.now())
      throw new RequestError(
        409,
        'EXPIRED',
        'This certificate has expired; ask for the current one.',
      )
    const updated = await save({
      status: approved ? 'approved' : 'rejected',
      reviewNotes: notes,
      reviewedBy: moderator.id,
      reviewedAt: new Date().toISOString(),
    })
    const vendorId = idOf(doc.vendor)
    const status = await recomputeVerification(req, vendorId)
    const type = typeLabel(doc.type)
    await queueEmail(req, {
      userId: idOf(doc.owner),
      subject: approved ? `Your ${type} was approved` : `Your ${type} needs another look`,
      intro: approved
        ? `We checked your ${type} and approved it.${status === 'verified' ? ' Your profile now shows the Verified badge.' : ''}${notes ? ` Notes: ${notes}` : ''}`
        : `We could not approve your ${type}. The reason: ${notes}`,
      actionLabel: 'Open your documents',
      actionPath: '/admin/collections/verification-documents',
    })
    return {
      updated,
      summary: `${approved ? 'Approved' : 'Rejected'} ${type} of vendor ${vendorId}`,
      details: { vendorId, type: doc.type, notes, verificationStatus: status },
    }
  },
})

/**
 * The scheduled sweep: insurance past its date expires (and the badge with it, the vendor
 * emailed); insurance expiring within 30 days gets one reminder.
 */
export const expireDocuments = async (req: PayloadRequest) => {
  const now = new Date()
  // System reads: the platform's own schedule, no person involved.
  const due = await req.payload.find({
    collection: slugs.verificationDocuments,
    where: {
      and: [
        { status: { in: ['approved', 'pending'] } },
        { expiresAt: { less_than_equal: now.toISOString() } },
      ],
    },
    limit: 500,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const doc of due.docs as VerificationDocument[]) {
    await inTransaction(req, async () => {
      // System write: expiry is the schedule's, no person's decision.
      await req.payload.update({
        collection: slugs.verificationDocuments,
        id: doc.id,
        data: { status: 'expired' },
        depth: 0,
        overrideAccess: true,
        req,
      })
      const status = await recomputeVerification(req, idOf(doc.vendor))
      await queueEmail(req, {
        userId: idOf(doc.owner),
        subject: `Your ${typeLabel(doc.type)} has expired`,
        intro: `Your ${typeLabel(doc.type)} expired today.${status !== 'verified' ? ' Your Verified badge is off until you upload the current certificate.' : ''}`,
        actionLabel: 'Upload the new certificate',
        actionPath: '/admin/collections/verification-documents/create',
      })
    })
  }
  // System read: insurance of every vendor that expires within 30 days.
  const soon = await req.payload.find({
    collection: slugs.verificationDocuments,
    where: {
      and: [
        { status: { equals: 'approved' } },
        { expiresAt: { greater_than: now.toISOString() } },
        {
          expiresAt: {
            less_than_equal: new Date(now.getTime() + INSURANCE_REMINDER_MS).toISOString(),
          },
        },
        { reminderSentAt: { exists: false } },
      ],
    },
    limit: 500,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const doc of soon.docs as VerificationDocument[]) {
    await inTransaction(req, async () => {
      // System bookkeeping: when the reminder went out, so it goes once.
      await req.payload.update({
        collection: slugs.verificationDocuments,
        id: doc.id,
        data: { reminderSentAt: now.toISOString() },
        depth: 0,
        overrideAccess: true,
        req,
      })
      const day = nzLongDate(doc.expiresAt!)
      await queueEmail(req, {
        userId: idOf(doc.owner),
        subject: `Your ${typeLabel(doc.type)} expires on ${day}`,
        intro: `Your ${typeLabel(doc.type)} expires on ${day}. Upload the renewed certificate before then to keep your Verified badge.`,
        actionLabel: 'Upload the renewal',
        actionPath: '/admin/collections/verification-documents/create',
      })
    })
  }
  return { expired: due.docs.length, reminded: soon.docs.length }
}
