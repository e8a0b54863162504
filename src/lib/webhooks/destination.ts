import { ValidationError } from 'payload'

import { getEnv } from '@/lib/kit/env'
import { type AddressRule, isPublicAddress, resolvesOnlyTo } from '@/lib/kit/publicAddress'

export const MAX_WEBHOOK_ENDPOINTS = 10

const allowedPrivate = () => getEnv().WEBHOOKS_ALLOWED_PRIVATE_ADDRESSES

/** Where a delivery may connect: public addresses, and those the tests' setting lists. */
export const destinationAllowed: AddressRule = (address) =>
  isPublicAddress(address) || allowedPrivate().includes(address)

const refuse = (message: string) =>
  new ValidationError({ errors: [{ path: 'url', message }], collection: 'webhook-endpoints' })

/**
 * The address an endpoint may have: https on the standard port, no credentials, and a host that
 * resolves to public addresses only. The delivery checks the address it connects to again
 * (DNS can change after this), and follows no redirect.
 */
export const checkDestination = async (value: string): Promise<string> => {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw refuse('That is not a web address.')
  }
  const relaxed = allowedPrivate().length > 0
  if (url.protocol !== 'https:' && !(relaxed && url.protocol === 'http:')) {
    throw refuse('Webhook addresses must start with https://.')
  }
  if (url.username || url.password) {
    throw refuse('Leave the user name and password out of the address; the signature proves the sender.')
  }
  if (!relaxed && url.port !== '' && url.port !== '443') {
    throw refuse('Webhooks are sent to port 443 only.')
  }
  if (!(await resolvesOnlyTo(url.hostname, destinationAllowed))) {
    throw refuse(
      'That address is not on the public internet (or does not resolve): events can only be sent to public https servers.',
    )
  }
  return url.toString()
}
