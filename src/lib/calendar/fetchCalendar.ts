import http from 'node:http'
import https from 'node:https'

import {
  type AddressRule,
  guardedLookup,
  isPublicAddress,
  literalAddress,
} from '@/lib/kit/publicAddress'

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

/** Calendars are served on the web's ports; any other is a port scan waiting to happen. */
const WEB_PORTS = new Set(['', '80', '443'])

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
    const literal = literalAddress(url)
    if (literal && !allowed(literal)) throw privateAddress()
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
        lookup: guardedLookup(allowed, privateAddress),
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

const privateAddress = () =>
  new CalendarFetchError(
    'That address is on a private network: only calendars on the internet can be read.',
    'PRIVATE_ADDRESS',
  )

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
