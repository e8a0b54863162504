import type { PayloadRequest } from 'payload'

import { checkRole } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import type { WebhookDelivery } from '@/payload-types'

import { queueDispatch } from './dispatch'
import { newSigningSecret } from './signing'

/** How long a rotated-out secret still signs, beside the new one. */
export const SECRET_OVERLAP_HOURS = 24

/** Only the owner (or an admin) may act on an endpoint or its log, and only while allowed to. */
const mayManage = (req: PayloadRequest) => {
  const user = signedIn(req, 'Sign in (or send your API key) to manage webhooks.')
  if (!checkRole(['vendor', 'admin'], user)) {
    throw new RequestError(403, 'FORBIDDEN', 'Webhooks are for vendors and admins.')
  }
  return user
}

/** A new signing secret for the endpoint, answered once; the old one signs for a day more. */
export const rotateSigningSecret = async (
  req: PayloadRequest,
  id: number,
): Promise<{ secret: string; previousValidUntil: string }> => {
  mayManage(req)
  await findVisible(req, slugs.webhookEndpoints, id, 'Webhook endpoint not found.')
  // System read and write: the secrets are readable and writable by no one through the API.
  const current = (await req.payload.findByID({
    collection: slugs.webhookEndpoints,
    id,
    depth: 0,
    showHiddenFields: true,
    overrideAccess: true,
    req,
  })) as unknown as { secret: string }
  const secret = newSigningSecret()
  const previousValidUntil = new Date(Date.now() + SECRET_OVERLAP_HOURS * 3_600_000).toISOString()
  await req.payload.update({
    collection: slugs.webhookEndpoints,
    id,
    data: {
      secret,
      previousSecret: current.secret,
      previousSecretExpiresAt: previousValidUntil,
    } as never,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { secret, previousValidUntil }
}

/** Puts a delivery back in the queue to be sent now, with the same event id and body. */
export const resendDelivery = async (req: PayloadRequest, id: number): Promise<WebhookDelivery> => {
  mayManage(req)
  const delivery = await findVisible(
    req,
    slugs.webhookDeliveries,
    id,
    'Webhook delivery not found.',
  )
  if (delivery.status === 'pending') {
    throw new RequestError(
      409,
      'ALREADY_QUEUED',
      'This delivery is still waiting to be sent (or being sent now); it goes on its own.',
    )
  }
  // System write: the log is written by the webhooks code only; the caller may see this row.
  await req.payload.update({
    collection: slugs.webhookDeliveries,
    id,
    data: {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date().toISOString(),
      claimedUntil: null,
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
  await queueDispatch(req)
  return findVisible(req, slugs.webhookDeliveries, id, 'Webhook delivery not found.')
}
