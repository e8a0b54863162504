import dns from 'node:dns'
import type { LookupFunction } from 'node:net'

import ipaddr from 'ipaddr.js'

/** Whether an address is one anyone on the internet could reach: not ours, not a LAN's. */
export const isPublicAddress = (address: string): boolean => {
  if (!ipaddr.isValid(address)) return false
  let parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address()
  }
  if (parsed.range() !== 'unicast') return false
  // IPv6: only the global unicast block (2000::/3); ipaddr.js calls some local ranges unicast.
  return parsed.kind() === 'ipv4' || (parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number]

/** Which addresses a server-side request made on someone's say-so may connect to. */
export type AddressRule = (address: string) => boolean

/** The host of a URL when it is written as an IP address (`[::1]` unbracketed), else null. */
export const literalAddress = (url: URL): string | null => {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return ipaddr.isValid(host) ? host : null
}

/**
 * A `lookup` for `http.request` that resolves the host as Node would and refuses the connection
 * (with `refusal()`) when any address it gives breaks `allowed` — checked on the address
 * connected to, so a name that resolves differently a second time (DNS rebinding) gains nothing.
 * An address written as an IP is connected to without a lookup: check it with `literalAddress`.
 */
export const guardedLookup =
  (allowed: AddressRule, refusal: () => Error): LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const list = addresses as dns.LookupAddress[]
      if (list.length === 0 || list.some((entry) => !allowed(entry.address))) {
        return callback(refusal() as NodeJS.ErrnoException, '', 0)
      }
      if (options.all) return callback(null, list as never, 0)
      return callback(null, list[0]!.address, list[0]!.family)
    })
  }

/** Resolves a host name once and tells whether every address it has is allowed. */
export const resolvesOnlyTo = async (hostname: string, allowed: AddressRule): Promise<boolean> => {
  const literal = hostname.replace(/^\[|\]$/g, '')
  if (ipaddr.isValid(literal)) return allowed(literal)
  const addresses = await dns.promises.lookup(hostname, { all: true }).catch(() => null)
  return Boolean(addresses?.length) && addresses!.every((entry) => allowed(entry.address))
}
