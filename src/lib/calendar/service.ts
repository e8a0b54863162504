import { createHash, randomBytes } from 'node:crypto'

import ical from 'ical-generator'
import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { WRITERS, writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { getEnv } from '@/lib/kit/env'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { parseInput } from '@/lib/kit/validate'
import { nzToday } from '@/lib/marketplace/dates'
import type { Vendor } from '@/payload-types'
import { consumeLimit } from '@/plugins/rateLimits'

import { busyDaysOf, MAX_RANGE_DAYS } from './busy'
import { addDays, type Day, dayOf, daysFrom, isDay, storedDay } from './days'
import { CalendarFetchError, calendarUrl, fetchCalendar } from './fetchCalendar'
import { CALENDAR_DAYS_AHEAD, MAX_BLOCK_DAYS, MAX_EXTERNAL_CALENDARS } from './limits'
import { busyPeriodsFromIcs, CalendarParseError } from './parseCalendar'

const day = (what: string) =>
  z.string(`${what} must be a date.`).refine(isDay, `${what} must be a date as YYYY-MM-DD.`)

export const DayRange = z
  .strictObject({ from: day('from'), to: day('to') })
  .refine((range) => range.from <= range.to, {
    message: 'to must be on or after from.',
    path: ['to'],
  })

export const BlockRequest = z
  .strictObject({
    from: day('from'),
    to: day('to'),
    note: z
      .string('The note must be text.')
      .trim()
      .max(200, 'Keep the note to 200 characters.')
      .optional(),
  })
  .refine((range) => range.from <= range.to, {
    message: 'to must be on or after from.',
    path: ['to'],
  })

export const SubscriptionRequest = z.strictObject({
  url: z
    .string('Give the calendar’s address.')
    .trim()
    .min(1, 'Give the calendar’s address.')
    .max(500, 'Keep the address to 500 characters.'),
  label: z
    .string('The name must be text.')
    .trim()
    .max(60, 'Keep the name to 60 characters.')
    .optional(),
})

/** The vendor profile the signed-in vendor manages the calendar of, or 404/403. */
const ownProfile = async (req: PayloadRequest, vendorId: number): Promise<Vendor> => {
  const user = signedIn(req, 'Sign in to manage your calendar.')
  const vendor = await findVisible(req, slugs.vendors, vendorId, 'Vendor not found.')
  if (idOf(vendor.owner) !== user.id) {
    throw new RequestError(403, 'FORBIDDEN', 'Only the vendor can manage their calendar.')
  }
  return vendor
}

/**
 * Writes the calendar's own fields as the vendor, then takes the writer's mark off the request
 * (the Local API leaves `context` on `req`, where a later write would still carry it).
 */
const writeCalendar = async (req: PayloadRequest, vendorId: number, data: Partial<Vendor>) => {
  try {
    return await req.payload.update({
      collection: slugs.vendors,
      id: vendorId,
      data,
      depth: 0,
      user: req.user,
      overrideAccess: false,
      context: writingAs('calendar'),
      req,
    })
  } finally {
    delete req.context[WRITERS.calendar]
  }
}

/** A range a person may read: from today's year back to a year ahead, at most `MAX_RANGE_DAYS`. */
const readableRange = (query: Record<string, unknown>): { from: Day; to: Day } => {
  const today = nzToday()
  const from = typeof query.from === 'string' && query.from ? query.from : today
  const to = typeof query.to === 'string' && query.to ? query.to : addDays(from, 92)
  const range = parseInput(DayRange, { from, to })
  if (daysFrom(range.from, range.to).length > MAX_RANGE_DAYS) {
    throw new RequestError(
      400,
      'INVALID_INPUT',
      `Ask for at most ${MAX_RANGE_DAYS} days at a time.`,
    )
  }
  return range
}

/** Busy days as the public sees them: busy or free, never why. */
export const availabilityOf = async (req: PayloadRequest, vendorId: number) => {
  const vendor = await findVisible(req, slugs.vendors, vendorId, 'Vendor not found.')
  const range = readableRange(req.query ?? {})
  // What was booked before today is no one else's business.
  if (range.from < nzToday()) range.from = nzToday()
  const busy = await busyDaysOf(req, vendor.id, range.from, range.to)
  return { ...range, busy: Object.keys(busy).sort() }
}

/** The vendor's own calendar: each taken day and why, the blocked periods, the subscriptions. */
export const calendarOf = async (req: PayloadRequest, vendorId: number) => {
  const vendor = await ownProfile(req, vendorId)
  const range = readableRange(req.query ?? {})
  return {
    ...range,
    days: await busyDaysOf(req, vendor.id, range.from, range.to),
    feed: Boolean(await feedTokenHashOf(req, vendor.id)),
    subscriptions: (vendor.externalCalendars ?? []).map(subscriptionSummary),
  }
}

const subscriptionSummary = (row: NonNullable<Vendor['externalCalendars']>[number]) => ({
  id: row.id ?? '',
  label: row.label ?? null,
  // The address can hold a secret (Google's private address does): shown shortened.
  host: hostOf(row.url),
  lastFetchedAt: row.lastFetchedAt ?? null,
  lastGoodAt: row.lastGoodAt ?? null,
  lastError: row.lastError ?? null,
  busyDays:
    (row.busy as { from: Day; to: Day }[] | null)?.reduce(
      (sum, period) => sum + daysFrom(period.from, period.to).length,
      0,
    ) ?? 0,
})

const hostOf = (url: string) => {
  try {
    return new URL(url.replace(/^webcals?:/i, 'https:')).host
  } catch {
    return url.slice(0, 40)
  }
}

type Blocks = Map<Day, string | null>

const blocksOf = (vendor: Vendor): Blocks => {
  const blocks: Blocks = new Map()
  for (const period of vendor.unavailableDates ?? []) {
    for (const blocked of daysFrom(dayOf(period.from), dayOf(period.to))) {
      blocks.set(blocked, period.note ?? null)
    }
  }
  return blocks
}

/** Blocked days back as periods: consecutive days with the same note are one period. */
const periodsFrom = (blocks: Blocks): NonNullable<Vendor['unavailableDates']> => {
  const periods: { from: Day; to: Day; note: string | null }[] = []
  for (const [blocked, note] of [...blocks.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const last = periods.at(-1)
    if (last && addDays(last.to, 1) === blocked && last.note === note) last.to = blocked
    else periods.push({ from: blocked, to: blocked, note })
  }
  return periods.map((period) => ({
    from: storedDay(period.from),
    to: storedDay(period.to),
    note: period.note,
  }))
}

const checkFuture = (range: { from: Day; to: Day }) => {
  if (range.from < nzToday()) {
    throw new RequestError(400, 'INVALID_INPUT', 'Days before today cannot be changed.')
  }
  if (daysFrom(range.from, range.to).length > MAX_BLOCK_DAYS) {
    throw new RequestError(400, 'INVALID_INPUT', `Change at most ${MAX_BLOCK_DAYS} days at a time.`)
  }
}

/** Blocks the days from `from` to `to` (a booked day among them stays booked). */
export const blockDays = async (req: PayloadRequest, vendorId: number, body: unknown) => {
  const input = parseInput(BlockRequest, body)
  checkFuture(input)
  const vendor = await ownProfile(req, vendorId)
  const blocks = blocksOf(vendor)
  for (const blocked of daysFrom(input.from, input.to)) {
    blocks.set(blocked, input.note || blocks.get(blocked) || null)
  }
  await writeCalendar(req, vendor.id, { unavailableDates: periodsFrom(blocks) })
  return {
    from: input.from,
    to: input.to,
    days: await busyDaysOf(req, vendor.id, input.from, input.to),
  }
}

/**
 * Frees the days from `from` to `to`. A booked day cannot be freed here: the booking is what
 * makes it busy, so the request is refused whole, naming the booked days.
 */
export const unblockDays = async (req: PayloadRequest, vendorId: number, body: unknown) => {
  const input = parseInput(DayRange, body)
  checkFuture(input)
  const vendor = await ownProfile(req, vendorId)
  const taken = await busyDaysOf(req, vendor.id, input.from, input.to)
  const booked = Object.entries(taken)
    .filter(([, reason]) => reason === 'booked')
    .map(([bookedDay]) => bookedDay)
  if (booked.length) {
    throw new RequestError(
      409,
      'DAY_BOOKED',
      `${booked.length === 1 ? `${booked[0]} is` : `${booked.join(', ')} are`} booked: a booked day stays busy until its booking is cancelled.`,
      { days: booked },
    )
  }
  const blocks = blocksOf(vendor)
  for (const freed of daysFrom(input.from, input.to)) blocks.delete(freed)
  await writeCalendar(req, vendor.id, { unavailableDates: periodsFrom(blocks) })
  return {
    from: input.from,
    to: input.to,
    days: await busyDaysOf(req, vendor.id, input.from, input.to),
  }
}

// ── The private feed ────────────────────────────────────────────────────────────────────────

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

const feedTokenHashOf = async (req: PayloadRequest, vendorId: number) => {
  // System read: the hash is hidden from every API reader, the vendor included.
  const vendor = await req.payload.findByID({
    collection: slugs.vendors,
    id: vendorId,
    depth: 0,
    showHiddenFields: true,
    select: { calendarFeedTokenHash: true },
    overrideAccess: true,
    req,
  })
  return vendor.calendarFeedTokenHash ?? null
}

export const feedUrl = (token: string) =>
  `${getEnv().NEXT_PUBLIC_SERVER_URL.replace(/\/$/, '')}/api/calendar-feeds/${token}.ics`

/**
 * A new private address for the vendor's feed; any earlier one stops working at once. Only its
 * hash is kept, so the address is shown this once (make another if it is lost).
 */
export const rotateFeed = async (req: PayloadRequest, vendorId: number) => {
  const vendor = await ownProfile(req, vendorId)
  const token = randomBytes(24).toString('base64url')
  await writeCalendar(req, vendor.id, { calendarFeedTokenHash: hashToken(token) })
  return { url: feedUrl(token) }
}

/** The feed's address stops working; calendars subscribed to it keep what they last read. */
export const revokeFeed = async (req: PayloadRequest, vendorId: number) => {
  const vendor = await ownProfile(req, vendorId)
  await writeCalendar(req, vendor.id, { calendarFeedTokenHash: null })
  return { revoked: true }
}

/** `<token>.ics` → the vendor's bookings and blocked days, for Google, Outlook or Apple. */
export const feedFor = async (req: PayloadRequest, file: string): Promise<string | null> => {
  const match = /^([A-Za-z0-9_-]{32})\.ics$/.exec(file)
  if (!match) return null
  // System read by the token's hash: the address is the feed's only credential.
  const { docs } = await req.payload.find({
    collection: slugs.vendors,
    where: { calendarFeedTokenHash: { equals: hashToken(match[1]!) } },
    limit: 1,
    depth: 0,
    select: { businessName: true, unavailableDates: true },
    overrideAccess: true,
    req,
  })
  const vendor = docs[0]
  if (!vendor) return null
  const from = addDays(nzToday(), -30)
  const to = addDays(nzToday(), CALENDAR_DAYS_AHEAD)
  // System read: the vendor's own bookings, for the vendor's own calendar.
  const { docs: bookings } = await req.payload.find({
    collection: slugs.bookings,
    where: {
      and: [
        { vendor: { equals: vendor.id } },
        { status: { in: ['confirmed', 'completed'] } },
        { eventDate: { greater_than_equal: storedDay(from) } },
      ],
    },
    pagination: false,
    depth: 1,
    select: { eventDate: true, job: true, status: true },
    overrideAccess: true,
    req,
  })
  const site = getEnv().NEXT_PUBLIC_SERVER_URL.replace(/\/$/, '')
  const calendar = ical({
    name: `${vendor.businessName} — Event Pros NZ`,
    prodId: { company: 'Event Pros NZ', product: 'vendor-calendar', language: 'EN' },
    ttl: 30 * 60,
  })
  for (const booking of bookings) {
    const bookedDay = dayOf(booking.eventDate)
    const title = typeof booking.job === 'object' && booking.job ? booking.job.title : 'a job'
    calendar.createEvent({
      id: `booking-${booking.id}@eventpros.nz`,
      start: bookedDay,
      end: addDays(bookedDay, 1),
      allDay: true,
      summary: `Booked: ${title}`,
      description: `${site}/bookings/${booking.id}`,
      url: `${site}/bookings/${booking.id}`,
    })
  }
  const blocks: Blocks = new Map(
    [...blocksOf(vendor as Vendor)].filter(([blocked]) => blocked >= from && blocked <= to),
  )
  for (const blocked of periodsFrom(blocks)) {
    const start = dayOf(blocked.from)
    calendar.createEvent({
      id: `blocked-${vendor.id}-${start}@eventpros.nz`,
      start,
      end: addDays(dayOf(blocked.to), 1),
      allDay: true,
      summary: blocked.note ? `Unavailable: ${blocked.note}` : 'Unavailable',
    })
  }
  return calendar.toString()
}

// ── Calendars the vendor subscribes to ────────────────────────────────────────────────────────

const allowPrivate = () => getEnv().CALENDAR_FETCH_ALLOW_PRIVATE

/** Reads one calendar: its busy days from today for a year, or why it could not be read. */
const readExternal = async (
  url: string,
): Promise<
  { ok: true; busy: { from: Day; to: Day }[] } | { ok: false; error: string; code: string }
> => {
  try {
    const { body } = await fetchCalendar(url, { allowPrivate: allowPrivate() })
    const today = nzToday()
    return { ok: true, busy: busyPeriodsFromIcs(body, today, addDays(today, CALENDAR_DAYS_AHEAD)) }
  } catch (error) {
    if (error instanceof CalendarFetchError)
      return { ok: false, error: error.message, code: error.code }
    if (error instanceof CalendarParseError)
      return { ok: false, error: error.message, code: 'NOT_A_CALENDAR' }
    throw error
  }
}

/** Subscribes to a calendar: read at once (so the vendor knows it works), then every 30 minutes. */
export const addExternalCalendar = async (req: PayloadRequest, vendorId: number, body: unknown) => {
  const input = parseInput(SubscriptionRequest, body)
  const vendor = await ownProfile(req, vendorId)
  let url: string
  try {
    url = calendarUrl(input.url).toString()
  } catch (error) {
    throw new RequestError(400, 'INVALID_INPUT', (error as Error).message, [
      { field: 'url', message: (error as Error).message },
    ])
  }
  const current = vendor.externalCalendars ?? []
  if (current.length >= MAX_EXTERNAL_CALENDARS) {
    throw new RequestError(
      409,
      'TOO_MANY_CALENDARS',
      `Subscribe to at most ${MAX_EXTERNAL_CALENDARS} calendars: remove one first.`,
    )
  }
  if (current.some((row) => row.url === url)) {
    throw new RequestError(409, 'ALREADY_SUBSCRIBED', 'You already subscribe to that calendar.')
  }
  await consumeLimit(req.payload, 'calendarReads', [`user:${req.user!.id}`])
  const read = await readExternal(url)
  if (!read.ok) {
    const status = read.code === 'PRIVATE_ADDRESS' || read.code === 'BAD_URL' ? 400 : 422
    throw new RequestError(
      status,
      read.code === 'PRIVATE_ADDRESS' ? 'ADDRESS_REFUSED' : 'CALENDAR_UNREADABLE',
      read.error,
    )
  }
  const at = new Date().toISOString()
  const updated = await writeCalendar(req, vendor.id, {
    externalCalendars: [
      ...current,
      {
        url,
        label: input.label || null,
        lastFetchedAt: at,
        lastGoodAt: at,
        lastError: null,
        busy: read.busy,
      },
    ],
  })
  return { subscriptions: (updated.externalCalendars ?? []).map(subscriptionSummary) }
}

export const removeExternalCalendar = async (
  req: PayloadRequest,
  vendorId: number,
  rowId: string,
) => {
  const vendor = await ownProfile(req, vendorId)
  const current = vendor.externalCalendars ?? []
  if (!current.some((row) => row.id === rowId)) {
    throw new RequestError(404, 'NOT_FOUND', 'That calendar is not one you subscribe to.')
  }
  const updated = await writeCalendar(req, vendor.id, {
    externalCalendars: current.filter((row) => row.id !== rowId),
  })
  return { subscriptions: (updated.externalCalendars ?? []).map(subscriptionSummary) }
}

/**
 * The 30-minute task: reads every subscribed calendar again. A read that fails keeps the last
 * good copy's busy days and says why on the vendor's calendar page.
 */
export const refreshExternalCalendars = async (
  req: PayloadRequest,
): Promise<{ read: number; failed: number }> => {
  let read = 0
  let failed = 0
  let after = 0
  for (;;) {
    // System read: the task runs for nobody in particular.
    const { docs } = await req.payload.find({
      collection: slugs.vendors,
      where: {
        and: [
          { 'externalCalendars.url': { exists: true } },
          ...(after > 0 ? [{ id: { greater_than: after } }] : []),
        ],
      },
      sort: 'id',
      limit: 20,
      depth: 0,
      select: { externalCalendars: true },
      overrideAccess: true,
      req,
    })
    if (docs.length === 0) return { read, failed }
    for (const vendor of docs) {
      after = vendor.id
      try {
        const outcome = await refreshVendor(req, vendor.id, vendor.externalCalendars ?? [])
        read += outcome.read
        failed += outcome.failed
      } catch (error) {
        // One vendor whose write fails (deleted meanwhile, say) holds up no other.
        failed += 1
        req.payload.logger.error({ err: error, vendorId: vendor.id }, 'Could not refresh calendars')
      }
    }
  }
}

type CalendarRow = NonNullable<Vendor['externalCalendars']>[number]

/**
 * Reads one vendor's calendars, then writes what changed onto the rows as they are now: the
 * fetches take seconds, in which the vendor may have removed or added one (or erasure emptied
 * them), so a row no longer there is not brought back and a new one is kept.
 */
const refreshVendor = async (req: PayloadRequest, vendorId: number, rows: CalendarRow[]) => {
  let read = 0
  let failed = 0
  const at = new Date().toISOString()
  const results = new Map<string, Partial<CalendarRow>>()
  for (const row of rows) {
    const outcome = await readExternal(row.url)
    if (outcome.ok) read += 1
    else failed += 1
    results.set(
      `${row.id}|${row.url}`,
      outcome.ok
        ? { lastFetchedAt: at, lastGoodAt: at, lastError: null, busy: outcome.busy }
        : { lastFetchedAt: at, lastError: outcome.error },
    )
  }
  // System read and write: the rows as they are now, whoever's request runs the task.
  const current = await req.payload.findByID({
    collection: slugs.vendors,
    id: vendorId,
    depth: 0,
    select: { externalCalendars: true },
    overrideAccess: true,
    req,
  })
  const now = current.externalCalendars ?? []
  if (!now.some((row) => results.has(`${row.id}|${row.url}`))) return { read, failed }
  const merged = now.map((row) => ({ ...row, ...results.get(`${row.id}|${row.url}`) }))
  // Unchanged busy days need no new search document (only the "read at" time moved).
  const sameBusy = merged.every(
    (row, i) => JSON.stringify(row.busy ?? null) === JSON.stringify(now[i]!.busy ?? null),
  )
  try {
    await req.payload.update({
      collection: slugs.vendors,
      id: vendorId,
      data: { externalCalendars: merged },
      depth: 0,
      overrideAccess: true,
      context: sameBusy ? { skipSearchSync: true } : {},
      req,
    })
  } finally {
    // The Local API leaves `context` on `req`: the next vendor's write must not inherit it.
    delete req.context.skipSearchSync
  }
  return { read, failed }
}
