import { ValidationError } from 'payload'

import { getEnv } from '@/lib/kit/env'
import {
  type AddressRule,
  isPublicAddress,
  literalAddress,
  resolvesOnlyTo,
} from '@/lib/kit/publicAddress'

export const MAX_WEBHOOK_ENDPOINTS = 10

/** How long registering waits for the host's name to resolve. */
const LOOKUP_TIMEOUT_MS = 5_000

const allowedPrivate = () => getEnv().WEBHOOKS_ALLOWED_PRIVATE_ADDRESSES

/** Where a delivery may connect: public addresses, and those the tests' setting lists. */
export const destinationAllowed: AddressRule = (address) =>
  isPublicAddress(address) || allowedPrivate().includes(address)

/**
 * What is wrong with an endpoint's address before any lookup, or null: https on the standard
 * port with no credentials. Only an address the tests' setting lists may use http or another
 * port; every other host keeps the rule.
 */
export const destinationProblem = (url: URL): string | null => {
  const literal = literalAddress(url)
  const listed = literal !== null && allowedPrivate().includes(literal)
  if (url.protocol !== 'https:' && !(listed && url.protocol === 'http:')) {
    return 'Webhook addresses must start with https://.'
  }
  if (url.username || url.password) {
    return 'Leave the user name and password out of the address; the signature proves the sender.'
  }
  if (!listed && url.port !== '' && url.port !== '443') return 'Webhooks are sent to port 443 only.'
  return null
}

const refuse = (message: string) =>
  new ValidationError({ errors: [{ path: 'url', message }], collection: 'webhook-endpoints' })

const withinTimeout = <T>(work: Promise<T>, fallback: T): Promise<T> =>
  Promise.race([
    work,
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), LOOKUP_TIMEOUT_MS).unref()),
  ])

/**
 * The address an endpoint may have (see `destinationProblem`), with a host that resolves to
 * public addresses only. The delivery checks the address it connects to again (DNS can change
 * after this), and follows no redirect.
 */
export const checkDestination = async (value: string): Promise<string> => {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw refuse('That is not a web address.')
  }
  const problem = destinationProblem(url)
  if (problem) throw refuse(problem)
  if (!(await withinTimeout(resolvesOnlyTo(url.hostname, destinationAllowed), false))) {
    throw refuse(
      'That address is not on the public internet (or does not resolve): events can only be sent to public https servers.',
    )
  }
  return url.toString()
}
