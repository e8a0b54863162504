import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { RequestError } from '@/lib/kit/errors'
import type { User } from '@/payload-types'

import { recordSecurityEvent } from '../securityNotice'
import { providerLabel } from './messages'
import type { ProviderId, ProviderIdentity } from './providers'

/** One provider account a person signs in with, as stored on their account. */
export type LinkedIdentity = {
  id?: string | null
  provider: ProviderId
  subject: string
  /** `provider:subject`, unique across all accounts: one provider account, one of ours. */
  key: string
  email?: string | null
  linkedAt: string
}

/** The stored account row, hidden fields included (the identities' keys, two-factor state). */
export type AccountRow = User & { linkedIdentities?: LinkedIdentity[] | null }

const identityKey = (identity: Pick<ProviderIdentity, 'provider' | 'subject'>) =>
  `${identity.provider}:${identity.subject}`

// System reads: nobody is signed in yet, and the identities are readable by their owner only.
const findRow = async (req: PayloadRequest, where: Record<string, unknown>) =>
  (await req.payload.db.findOne({
    collection: slugs.users,
    req,
    where: where as never,
  })) as AccountRow | null

export const accountById = (req: PayloadRequest, id: number | string) =>
  findRow(req, { id: { equals: id } })

/** The account this provider account is linked to, if any. */
export const accountByIdentity = (req: PayloadRequest, identity: ProviderIdentity) =>
  findRow(req, { 'linkedIdentities.key': { equals: identityKey(identity) } })

/** The account registered with this address, if any (Payload keeps emails in lower case). */
export const accountByEmail = (req: PayloadRequest, email: string) =>
  findRow(req, { email: { equals: email.toLowerCase() } })

export const linkedIdentitiesOf = (row: AccountRow): LinkedIdentity[] => row.linkedIdentities ?? []

export const newLinkedIdentity = (identity: ProviderIdentity): LinkedIdentity => ({
  provider: identity.provider,
  subject: identity.subject,
  key: identityKey(identity),
  email: identity.email,
  linkedAt: new Date().toISOString(),
})

/**
 * System write: the identities are written only here, after the provider or the password
 * proved who the person is; no REST, GraphQL or admin request may set them (their fields'
 * access says `nobody`). Through the Local API, since the adapter rewrites arrays whole.
 */
export const writeIdentities = async (
  req: PayloadRequest,
  id: number,
  data: { linkedIdentities: LinkedIdentity[]; _verified?: boolean },
) => {
  await req.payload.update({
    collection: slugs.users,
    id,
    data: data as Partial<User>,
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/**
 * Adds the provider account to `row`, refusing one that already signs in to another account
 * and a second account of the same provider; tells the person by email and in the audit log.
 */
export const linkIdentity = async (
  req: PayloadRequest,
  row: AccountRow,
  identity: ProviderIdentity,
): Promise<void> => {
  const label = providerLabel(identity.provider)
  const owner = await accountByIdentity(req, identity)
  if (owner && owner.id !== row.id) {
    throw new RequestError(
      409,
      'IDENTITY_TAKEN',
      `That ${label} account is already linked to another Event Pros NZ account. Sign in with it there, or unlink it from that account first.`,
    )
  }
  if (owner) return
  const existing = linkedIdentitiesOf(row)
  if (existing.some((linked) => linked.provider === identity.provider)) {
    throw new RequestError(
      409,
      'ALREADY_LINKED',
      `Your account is already linked to a ${label} account. Unlink it on your account page first to link another.`,
    )
  }
  await writeIdentities(req, row.id, {
    linkedIdentities: [...existing, newLinkedIdentity(identity)],
  })
  await recordSecurityEvent(req, row, 'user.oauth-link', { provider: identity.provider })
}

/**
 * Removes the person's link to `provider`. An account made through a provider has a password
 * nobody knows, so its last link is kept until the person sets a password ("Forgot your
 * password?"): otherwise they could never sign in again.
 */
export const unlinkIdentity = async (
  req: PayloadRequest,
  row: AccountRow,
  provider: ProviderId,
): Promise<LinkedIdentity[]> => {
  const label = providerLabel(provider)
  const existing = linkedIdentitiesOf(row)
  if (!existing.some((linked) => linked.provider === provider)) {
    throw new RequestError(404, 'NOT_LINKED', `Your account is not linked to ${label}.`)
  }
  const remaining = existing.filter((linked) => linked.provider !== provider)
  if (remaining.length === 0 && row.hasPassword === false) {
    throw new RequestError(
      409,
      'LAST_SIGN_IN_METHOD',
      `${label} is the only way you can sign in, so it stays linked for now. Set a password first with "Forgot your password?" on the log-in page, then unlink ${label}.`,
    )
  }
  await writeIdentities(req, row.id, { linkedIdentities: remaining })
  await recordSecurityEvent(req, row, 'user.oauth-unlink', { provider })
  return remaining
}

/** What the person sees of their links: the provider's subject and our key stay server-side. */
export const publicIdentities = (identities: LinkedIdentity[]) =>
  identities.map(({ provider, email, linkedAt }) => ({ provider, email, linkedAt }))
