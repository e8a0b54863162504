import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'

import ipaddr from 'ipaddr.js'

import { CALENDAR_FETCH_TIMEOUT_MS, MAX_CALENDAR_BYTES } from './limits'

/** Why a vendor's calendar address could not be read, as the vendor is told it. */
export class CalendarFetchError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_URL' | 'PRIVATE_ADDRESS' | 'UNREACHABLE' | 'TOO_LARGE' | 'HTTP_STATUS',
  ) {
    super(message)
  }
}

const MAX_REDIRECTS = 3

/**
 * The address must be http(s), with no credentials in it. `webcal://`, which calendar apps
 * hand out for the same feeds, is read as https.
 */
export const calendarUrl = (value: string): URL => {
  let url: URL
  try {
    url = new URL(value.trim().replace(/^webcals?:\/\//i, 'https://'))
  } catch {
    throw new CalendarFetchError('That is not a web address.', 'BAD_URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CalendarFetchError('Only http and https calendar addresses can be read.', 'BAD_URL')
  }
  if (url.username || url.password) {
    throw new CalendarFetchError('Leave the user name and password out of the address.', 'BAD_URL')
  }
  return url
}

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

/** Calendars are served on the web's ports; any other is a port scan waiting to happen. */
const WEB_PORTS = new Set(['', '80', '443'])

/**
 * Resolves the host as Node would, and refuses the connection when any address it gives is
 * private, loopback, link-local or otherwise not public — checked on the address connected to,
 * so a name that resolves differently a second time (DNS rebinding) gains nothing.
 */
type AddressRule = (address: string) => boolean

const guardedLookup =
  (allowed: AddressRule): LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const list = addresses as dns.LookupAddress[]
      const refused = list.find((entry) => !allowed(entry.address))
      if (refused || list.length === 0) {
        return callback(
          new CalendarFetchError(
            'That address is on a private network: only calendars on the internet can be read.',
            'PRIVATE_ADDRESS',
          ) as NodeJS.ErrnoException,
          '',
          0,
        )
      }
      if (options.all) return callback(null, list as never, 0)
      return callback(null, list[0]!.address, list[0]!.family)
    })
  }

type Fetched = { body: string; url: string }

/**
 * Fetches a calendar file a vendor gave us: a server-side request on their say-so, so only
 * http(s) to public addresses (unless `allowPrivate`, for tests), at most `MAX_CALENDAR_BYTES`,
 * within `CALENDAR_FETCH_TIMEOUT_MS` in all, following up to three redirects, each checked again.
 */
export const fetchCalendar = async (
  address: string,
  {
    allowPrivate = false,
    allowAddress,
  }: {
    allowPrivate?: boolean
    /** One more address to let through (a test's own server), the rest still checked. */
    allowAddress?: AddressRule
  } = {},
): Promise<Fetched> => {
  const allowed: AddressRule = (ip) =>
    allowPrivate || isPublicAddress(ip) || Boolean(allowAddress?.(ip))
  const deadline = AbortSignal.timeout(CALENDAR_FETCH_TIMEOUT_MS)
  let url = calendarUrl(address)
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    // An address written as an IP is connected to without a lookup: checked here instead.
    const literal = url.hostname.replace(/^\[|\]$/g, '')
    if (ipaddr.isValid(literal) && !allowed(literal)) {
      throw new CalendarFetchError(
        'That address is on a private network: only calendars on the internet can be read.',
        'PRIVATE_ADDRESS',
      )
    }
    if (!allowPrivate && !allowAddress && !WEB_PORTS.has(url.port)) {
      throw new CalendarFetchError('Calendars are read from ports 80 and 443 only.', 'BAD_URL')
    }
    const outcome = await getOnce(url, allowed, deadline)
    if ('redirect' in outcome) {
      let next: string
      try {
        next = new URL(outcome.redirect, url).toString()
      } catch {
        throw new CalendarFetchError('The calendar redirects to a broken address.', 'UNREACHABLE')
      }
      url = calendarUrl(next)
      continue
    }
    return { body: outcome.body, url: url.toString() }
  }
  throw new CalendarFetchError('The address redirects too many times.', 'UNREACHABLE')
}

const getOnce = (
  url: URL,
  allowed: AddressRule,
  signal: AbortSignal,
): Promise<{ body: string } | { redirect: string }> =>
  new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const request = client.get(
      url,
      {
        lookup: guardedLookup(allowed),
        signal,
        headers: { accept: 'text/calendar, */*;q=0.5', 'user-agent': 'EventProsNZ-Calendar/1' },
      },
      (response) => {
        const status = response.statusCode ?? 0
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume()
          return resolve({ redirect: response.headers.location })
        }
        if (status !== 200) {
          response.resume()
          return reject(
            new CalendarFetchError(`The calendar's server answered ${status}.`, 'HTTP_STATUS'),
          )
        }
        const declared = Number(response.headers['content-length'])
        if (declared > MAX_CALENDAR_BYTES) {
          response.destroy()
          return reject(tooLarge())
        }
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_CALENDAR_BYTES) {
            response.destroy()
            reject(tooLarge())
          } else chunks.push(chunk)
        })
        response.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', (error) => reject(unreachable(error)))
      },
    )
    request.on('error', (error) => reject(unreachable(error)))
  })

const tooLarge = () =>
  new CalendarFetchError(
    `The calendar is larger than ${MAX_CALENDAR_BYTES / 1024 / 1024} MB.`,
    'TOO_LARGE',
  )

const unreachable = (error: unknown) =>
  error instanceof CalendarFetchError
    ? error
    : new CalendarFetchError(
        (error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError'
          ? `The calendar did not arrive within ${CALENDAR_FETCH_TIMEOUT_MS / 1000} seconds.`
          : 'The calendar could not be reached.',
        'UNREACHABLE',
      )
