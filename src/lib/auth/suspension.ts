import { APIError, type AuthStrategy, type Payload, type PayloadRequest } from 'payload'

import { checkRole } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { queueEmail } from '@/lib/kit/email'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { inTransaction } from '@/lib/kit/transaction'
import { recordAudit } from '@/lib/trust/audit'
import { onlyFields } from '@/lib/trust/input'
import type { User, Vendor } from '@/payload-types'
import { auditedElsewhere } from '@/plugins/staffAudit'

import { endSession } from './sessions'

export const SUSPENSION_REASON_MAX = 1000
const SUSPENSION_REASON_MIN = 5

type Suspendable = { suspendedAt?: string | null } | null | undefined

export const isSuspended = (user: Suspendable): boolean => Boolean(user?.suspendedAt)

/**
 * Thrown wherever a suspended account tries to start a session: the login operation (REST,
 * GraphQL `loginUser`, the site's form), the second sign-in step and provider sign-ins.
 */
export class AccountSuspended extends APIError {
  constructor() {
    super(
      'This account is suspended, so it cannot sign in. We have emailed you the reason; reply to that email if you would like us to look at it again.',
      403,
      { code: 'ACCOUNT_SUSPENDED' },
      true,
    )
    this.name = 'AccountSuspended'
  }
}

export const refuseSuspended = (user: Suspendable): void => {
  if (isSuspended(user)) throw new AccountSuspended()
}

const REFUSES_SUSPENDED = Symbol.for('eventpros.refusesSuspended')

/**
 * Every way of proving who you are (the JWT of a session, an API key, any strategy added
 * later) answers "nobody" for a suspended account. Payload's API-key strategy checks only the
 * key, and a token signed moments before the suspension would otherwise live until its
 * session is found gone; wrapping the strategies Payload built (once, in `onInit`) covers
 * REST, GraphQL, the admin and the Local API's `auth` alike, with no route left out.
 */
export const refuseSuspendedAccounts = (payload: Payload): void => {
  payload.authStrategies = payload.authStrategies.map((strategy) => {
    if ((strategy as { [REFUSES_SUSPENDED]?: true })[REFUSES_SUSPENDED]) return strategy
    const wrapped: AuthStrategy = {
      ...strategy,
      authenticate: async (args) => {
        const result = await strategy.authenticate(args)
        return isSuspended(result.user as Suspendable) ? { ...result, user: null } : result
      },
    }
    return Object.assign(wrapped, { [REFUSES_SUSPENDED]: true as const })
  })
}

/** The signed-in admin; moderators and everyone else are refused. */
const requireAdmin = (req: PayloadRequest): User => {
  const user = signedIn(req, 'Sign in as an admin to suspend or restore accounts.')
  if (!checkRole(['admin'], user)) {
    throw new RequestError(403, 'FORBIDDEN', 'Only admins can suspend or restore accounts.')
  }
  return user
}

const reasonOf = (input: Record<string, unknown>): string => {
  onlyFields(input, ['reason'])
  const { reason } = input
  if (typeof reason !== 'string' || reason.trim().length < SUSPENSION_REASON_MIN) {
    throw invalidInput('reason', 'Give a reason of a few words: it is emailed to the person.')
  }
  if (reason.trim().length > SUSPENSION_REASON_MAX) {
    throw invalidInput('reason', 'Keep the reason under 1,000 characters.')
  }
  return reason.trim()
}

const vendorOwnedBy = async (req: PayloadRequest, admin: User, userId: number) =>
  (
    await req.payload.find({
      collection: slugs.vendors,
      where: { owner: { equals: userId } },
      limit: 1,
      depth: 0,
      user: admin,
      overrideAccess: false,
      req,
    })
  ).docs[0] as Vendor | undefined

const setVendorStatus = (req: PayloadRequest, admin: User, id: number, status: Vendor['status']) =>
  req.payload.update({
    collection: slugs.vendors,
    id,
    data: { status },
    depth: 0,
    user: admin,
    overrideAccess: false,
    // The suspension's own audit entry names the vendor and both statuses.
    context: auditedElsewhere,
    req,
  })

/**
 * Written by the suspension alone: the fields refuse every API write, and the database adapter
 * leaves the hooks of an ordinary account update (and their audit entry) out of it.
 */
const writeSuspension = (
  req: PayloadRequest,
  userId: number,
  data: Pick<User, 'suspendedAt' | 'suspensionReason' | 'suspendedBy' | 'suspendedVendorStatus'>,
) =>
  req.payload.db.updateOne({
    collection: slugs.users,
    id: userId,
    data: { ...data, updatedAt: new Date().toISOString() },
    req,
    returning: false,
  })

/** Ends every session of the account, so tokens already handed out stop working at once. */
const endAllSessions = async (req: PayloadRequest, userId: number) => {
  // System read: the stored sessions, which no API answer has.
  const row = (await req.payload.db.findOne({
    collection: slugs.users,
    req,
    where: { id: { equals: userId } },
  })) as { sessions?: { id: string }[] | null } | null
  for (const session of row?.sessions ?? []) await endSession(req, userId, session.id)
}

export type SuspensionResult = { id: number; suspendedAt: string | null; vendorStatus?: string }

/**
 * `POST /api/users/:id/suspend` with `{ reason }`: the account can no longer sign in or use its
 * API key, its sessions end, its vendor profile leaves the site and the search index (the
 * status it had is kept to restore), the person is emailed the reason, and it is audited.
 */
export const suspendAccount = async (
  req: PayloadRequest,
  id: number,
  input: Record<string, unknown>,
): Promise<SuspensionResult> => {
  const admin = requireAdmin(req)
  const reason = reasonOf(input)
  if (id === admin.id) {
    throw new RequestError(409, 'OWN_ACCOUNT', 'You cannot suspend your own account.')
  }
  return inTransaction(req, async () => {
    const target = await findVisible(req, slugs.users, id, 'Account not found.')
    if (isSuspended(target)) {
      throw new RequestError(409, 'ALREADY_SUSPENDED', 'This account is already suspended.')
    }
    if (target.role === 'admin') {
      throw new RequestError(
        409,
        'ADMIN_ACCOUNT',
        'An admin account cannot be suspended. Change its role first (that is audited too), then suspend it.',
      )
    }
    const vendor = await vendorOwnedBy(req, admin, id)
    const suspendedAt = new Date().toISOString()
    await writeSuspension(req, id, {
      suspendedAt,
      suspensionReason: reason,
      suspendedBy: admin.id,
      suspendedVendorStatus: vendor?.status ?? null,
    })
    await endAllSessions(req, id)
    if (vendor && vendor.status !== 'inactive') {
      await setVendorStatus(req, admin, vendor.id, 'inactive')
    }
    await recordAudit(req, {
      action: 'user.suspend',
      targetCollection: slugs.users,
      targetId: id,
      summary: `Suspended ${target.email}: ${reason}`,
      details: {
        reason,
        vendor: vendor ? { id: vendor.id, status: { from: vendor.status, to: 'inactive' } } : null,
      },
    })
    await queueEmail(req, {
      userId: id,
      subject: 'Your Event Pros NZ account is suspended',
      intro: `An administrator has suspended your account, so you cannot sign in${
        vendor ? ' and your vendor profile is hidden from the site' : ''
      }. Their reason: ${reason}`,
      actionLabel: 'Read our terms',
      actionPath: '/terms',
      outro: 'If you think this is a mistake, reply to this email and tell us why.',
    })
    return { id, suspendedAt, vendorStatus: vendor ? 'inactive' : undefined }
  })
}

/**
 * `POST /api/users/:id/unsuspend`: signing in and the API key work again, the vendor profile
 * gets back the status it had (unless staff changed it meanwhile), the person is told, audited.
 */
export const liftSuspension = async (
  req: PayloadRequest,
  id: number,
  input: Record<string, unknown>,
): Promise<SuspensionResult> => {
  const admin = requireAdmin(req)
  onlyFields(input, [])
  return inTransaction(req, async () => {
    const target = await findVisible(req, slugs.users, id, 'Account not found.')
    if (!isSuspended(target)) {
      throw new RequestError(409, 'NOT_SUSPENDED', 'This account is not suspended.')
    }
    // System read: the vendor status kept at suspension is hidden from every API answer.
    const row = (await req.payload.db.findOne({
      collection: slugs.users,
      req,
      where: { id: { equals: id } },
    })) as Pick<User, 'suspendedVendorStatus'> | null
    const vendor = await vendorOwnedBy(req, admin, id)
    const restore = row?.suspendedVendorStatus
    const restored = Boolean(vendor && restore && vendor.status === 'inactive')
    if (vendor && restored && restore !== 'inactive') {
      await setVendorStatus(req, admin, vendor.id, restore!)
    }
    await writeSuspension(req, id, {
      suspendedAt: null,
      suspensionReason: null,
      suspendedBy: null,
      suspendedVendorStatus: null,
    })
    await recordAudit(req, {
      action: 'user.unsuspend',
      targetCollection: slugs.users,
      targetId: id,
      summary: `Lifted the suspension of ${target.email}`,
      details: {
        vendor: vendor
          ? {
              id: vendor.id,
              status: { from: vendor.status, to: restored ? restore : vendor.status },
            }
          : null,
      },
    })
    await queueEmail(req, {
      userId: id,
      subject: 'Your Event Pros NZ account is restored',
      intro: `An administrator has lifted the suspension of your account: you can sign in again${
        vendor && restored && restore === 'active'
          ? ' and your vendor profile is back on the site'
          : ''
      }.`,
      actionLabel: 'Sign in',
      actionPath: '/login',
    })
    return {
      id,
      suspendedAt: null,
      vendorStatus: vendor ? (restored ? restore! : vendor.status) : undefined,
    }
  })
}
