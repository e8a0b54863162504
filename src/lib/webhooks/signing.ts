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

/** The headers of every delivery, as the API reference lists them. */
export const WEBHOOK_HEADERS = {
  'webhook-id':
    'The event id (`evt_…`): the same on every attempt and every endpoint, so de-duplicate on it.',
  'webhook-timestamp':
    'When this attempt was signed, in Unix seconds; refuse old ones (5 minutes).',
  'webhook-signature':
    '`v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<body>` with your secret; two, space-separated, for a day after a rotation.',
}

/** What a receiver's answer means to the sender. */
export const WEBHOOK_RESPONSES = {
  '2XX': 'Received: any 2xx within 10 seconds counts as delivered.',
  default:
    'Anything else, a redirect or no answer within 10 seconds is retried: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts, about 28 hours), in order per resource.',
}
