import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { auditedElsewhere } from '@/plugins/staffAudit'

import { slugs } from '@/collections/slugs'
import { actionEmailHtml } from '@/lib/kit/emailHtml'
import { afterCommit, inTransaction } from '@/lib/kit/transaction'
import { serverUrl } from '@/lib/kit/url'
import { recordAudit } from '@/lib/trust/audit'
import type { User } from '@/payload-types'
import { endVendorSubscriptions } from '@/plugins/billing'

import { GRACE_DAYS } from './constants'
import { ERASURE_TABLE, type ErasureSubject } from './table'

export type ErasureReport = {
  userId: number
  vendorId: number | null
  endedSubscriptions: string[]
}

type StoredAccount = User & { erasedAt?: string | null; deletionRequestedAt?: string | null }

const sendFarewell = async (payload: Payload, to: string, firstName: string) => {
  try {
    await payload.sendEmail({
      to,
      subject: 'Your Event Pros NZ account has been deleted',
      html: actionEmailHtml({
        greetingName: firstName,
        intro:
          'We have erased your Event Pros NZ account as you asked: your profile, uploads and personal details are gone. Bookings, payments, reviews and messages that others rely on are kept without your name, as the law and they need.',
        actionLabel: 'Visit Event Pros NZ',
        actionUrl: serverUrl('/'),
        outro:
          'This is the last email we send to this address. You are welcome to join again at any time.',
      }),
    })
  } catch (error) {
    // The erasure stands; the address is gone, so there is no retrying this one.
    payload.logger.error({ err: error, msg: 'Could not send the erasure email' })
  }
}

/**
 * Erases an account, every collection as `ERASURE_TABLE` says: after the grace period (the
 * scheduled task, `by` null) or at once when an admin deletes it (`by` the admin). Stripe is
 * told first and on its own, since a cancelled subscription cannot be rolled back; the rest is
 * one transaction, with one audit entry, and the farewell goes to the address captured before
 * it was erased. An account already erased is left alone (null).
 */
export const eraseAccount = async (
  payload: Payload,
  userId: number,
  { by }: { by: User | null },
): Promise<ErasureReport | null> => {
  // System read: the stored row, whoever asks, with the fields no API answer has.
  const account = (await payload.db.findOne({
    collection: slugs.users,
    where: { id: { equals: userId } },
  })) as StoredAccount | null
  if (!account || account.erasedAt) return null
  // The state machine's operations run as the person, so their rules and notices apply as if
  // they had withdrawn their quotes and closed their jobs themselves.
  // Erasure records one entry of its own: the staff audit adds none for its writes, which
  // would otherwise copy the person's details (before → after) into the append-only log.
  const req: PayloadRequest = await createLocalReq(
    { user: { ...account, collection: slugs.users } as User, context: { ...auditedElsewhere } },
    payload,
  )
  // System read: the profile is the person's whatever its status.
  const {
    docs: [vendor],
  } = await payload.find({
    collection: slugs.vendors,
    where: { owner: { equals: userId } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const subject: ErasureSubject = { id: userId, vendorId: vendor?.id ?? null }
  const endedSubscriptions = vendor ? await endVendorSubscriptions(req, vendor.id) : []
  const { email, firstName, role } = account

  await inTransaction(req, async () => {
    for (const step of Object.values(ERASURE_TABLE)) {
      if ('run' in step) await step.run(req, subject)
    }
    req.user = by ? ({ ...by, collection: slugs.users } as PayloadRequest['user']) : null
    await recordAudit(req, {
      action: 'user.erase',
      targetCollection: slugs.users,
      targetId: userId,
      summary: by
        ? `Erased account ${userId} (${role}) at once, deleted by an admin`
        : `Erased account ${userId} (${role}) after its ${GRACE_DAYS}-day grace period`,
      details: {
        role,
        vendorId: subject.vendorId,
        requestedAt: account.deletionRequestedAt ?? null,
        endedSubscriptions,
      },
    })
    await afterCommit(req, () => sendFarewell(payload, email, firstName))
  })
  return { userId, vendorId: subject.vendorId, endedSubscriptions }
}

/** Accounts whose grace period is over, erased one by one: one failing does not stop the rest. */
export const eraseDueAccounts = async (payload: Payload, now = new Date()) => {
  // System read: the erasure fields are readable by the person and staff only.
  const { docs } = await payload.find({
    collection: slugs.users,
    where: {
      and: [
        { deletionRequestedAt: { exists: true } },
        { erasureDueAt: { less_than_equal: now.toISOString() } },
      ],
    },
    limit: 50,
    depth: 0,
    overrideAccess: true,
  })
  const erased: number[] = []
  const failed: number[] = []
  for (const account of docs) {
    try {
      if (await eraseAccount(payload, account.id, { by: null })) erased.push(account.id)
    } catch (error) {
      failed.push(account.id)
      payload.logger.error({ err: error, msg: `Could not erase account ${account.id}` })
    }
  }
  return { erased, failed }
}
