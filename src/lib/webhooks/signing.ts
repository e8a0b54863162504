import { randomBytes } from 'node:crypto'

import { Webhook } from 'standardwebhooks'

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64, as receivers' libraries read it. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`

/** A stable event id, the `webhook-id` a receiver de-duplicates on. */
export const newEventId = (): string => `evt_${randomBytes(16).toString('hex')}`

/**
 * The three Standard Webhooks headers for one attempt. While a rotated-out secret is still
 * honoured, the body is signed with both (space-separated), so a receiver can switch secrets
 * without dropping an event.
 */
export const signedHeaders = (
  { id, body, secrets }: { id: string; body: string; secrets: string[] },
  now = new Date(),
): Record<string, string> => ({
  'webhook-id': id,
  'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
  'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, now, body)).join(' '),
})
