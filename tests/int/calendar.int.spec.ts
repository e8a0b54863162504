import http from 'node:http'
import type { AddressInfo } from 'node:net'

import ical, { type VEvent } from 'node-ical'
import { createLocalReq, type Payload } from 'payload'

import { addDays } from '../../src/lib/calendar/days'
import { CalendarFetchError, fetchCalendar } from '../../src/lib/calendar/fetchCalendar'
import { refreshExternalCalendars } from '../../src/lib/calendar/service'
import { nzToday } from '../../src/lib/marketplace/dates'
import { createCategory, createVendor } from '../helpers/fixtures'
import { publishWeddingJob, sendQuote } from '../helpers/marketplace'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

// The calendars below are served on 127.0.0.1: the documented setting that lets tests do so.
process.env.CALENDAR_FETCH_ALLOW_PRIVATE = 'true'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let vendor: Account & { vendorId: number }
let otherVendor: Account & { vendorId: number }
let organizer: Account
let bookedDay: string
let server: http.Server
let base: string
/** What `/flaky.ics` answers: the good file until a test breaks it. */
let flakyUp = true

const today = nzToday()
const at = (days: number) => addDays(today, days)
/** `YYYYMMDD` for iCalendar. */
const ics = (day: string) => day.replaceAll('-', '')

// Built from today so every event is in the year ahead that a subscription reads.
const weekly = at(20)
const longWeekend = at(40)
const aucklandEvening = at(50)
const utcMorning = at(60) // 12:30 UTC: the next day in New Zealand, winter or summer.
const floating = at(65)
const GOOD_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//Calendar//EN',
  // All-day, weekly three times, the second one taken out.
  'BEGIN:VEVENT',
  'UID:weekly@test',
  `DTSTART;VALUE=DATE:${ics(weekly)}`,
  `DTEND;VALUE=DATE:${ics(addDays(weekly, 1))}`,
  'RRULE:FREQ=WEEKLY;COUNT=3',
  `EXDATE;VALUE=DATE:${ics(addDays(weekly, 7))}`,
  'SUMMARY:Market stall',
  'END:VEVENT',
  // All-day over three days (DTEND is the day after the last).
  'BEGIN:VEVENT',
  'UID:long@test',
  `DTSTART;VALUE=DATE:${ics(longWeekend)}`,
  `DTEND;VALUE=DATE:${ics(addDays(longWeekend, 3))}`,
  'SUMMARY:Away',
  'END:VEVENT',
  // Timed, in Auckland time, late in the evening: that New Zealand day only.
  'BEGIN:VEVENT',
  'UID:evening@test',
  `DTSTART;TZID=Pacific/Auckland:${ics(aucklandEvening)}T210000`,
  `DTEND;TZID=Pacific/Auckland:${ics(aucklandEvening)}T235900`,
  'SUMMARY:Wedding elsewhere',
  'END:VEVENT',
  // Timed, in UTC: 12:30Z is after midnight in New Zealand.
  'BEGIN:VEVENT',
  'UID:utc@test',
  `DTSTART:${ics(utcMorning)}T123000Z`,
  `DTEND:${ics(utcMorning)}T140000Z`,
  'SUMMARY:Early shoot',
  'END:VEVENT',
  // Floating (no zone): the calendar's own zone, here none given, so New Zealand's.
  'BEGIN:VEVENT',
  'UID:floating@test',
  `DTSTART:${ics(floating)}T230000`,
  `DTEND:${ics(floating)}T233000`,
  'SUMMARY:Late gig',
  'END:VEVENT',
  // Hourly for ever: not expanded (it would hold the server), so it marks nothing.
  'BEGIN:VEVENT',
  'UID:hourly@test',
  `DTSTART:${ics(at(90))}T000000Z`,
  'RRULE:FREQ=HOURLY',
  'SUMMARY:Ping',
  'END:VEVENT',
  // Marked free, and cancelled: neither makes a day busy.
  'BEGIN:VEVENT',
  'UID:free@test',
  `DTSTART;VALUE=DATE:${ics(at(70))}`,
  'TRANSP:TRANSPARENT',
  'SUMMARY:Reminder',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:cancelled@test',
  `DTSTART;VALUE=DATE:${ics(at(71))}`,
  'STATUS:CANCELLED',
  'SUMMARY:Called off',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n')

const EXPECTED_ELSEWHERE = [
  weekly,
  addDays(weekly, 14),
  longWeekend,
  addDays(longWeekend, 1),
  addDays(longWeekend, 2),
  aucklandEvening,
  addDays(utcMorning, 1),
  floating,
].sort()

const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const calendar = (body: string) => {
    res.writeHead(200, { 'Content-Type': 'text/calendar' })
    res.end(body)
  }
  switch (req.url) {
    case '/good.ics':
      return calendar(GOOD_ICS)
    case '/flaky.ics':
      if (flakyUp) return calendar(GOOD_ICS)
      res.writeHead(503)
      return res.end('down')
    case '/malformed.ics':
      return calendar('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:not-a-date\r\n')
    case '/page.html':
      res.writeHead(200, { 'Content-Type': 'text/html' })
      return res.end('<html>Not a calendar</html>')
    case '/huge.ics':
      res.writeHead(200, { 'Content-Type': 'text/calendar' })
      return res.end('X'.repeat(3 * 1024 * 1024))
    case '/redirect.ics':
      res.writeHead(302, { Location: '/good.ics' })
      return res.end()
    case '/broken-redirect.ics':
      res.writeHead(302, { Location: 'http://[::1' })
      return res.end()
    case '/to-metadata.ics':
      res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' })
      return res.end()
    default:
      res.writeHead(404)
      res.end()
  }
}

const vendorAccount = async (name: string, categoryId: number) => {
  const account = await createUser(payload, rest, 'vendor')
  const profile = await createVendor(payload, account.user.id, categoryId, {
    businessName: name,
    tier: 'spotlight',
  })
  return { ...account, vendorId: profile.id }
}

const calendarPath = (vendorId: number, rest = '') => `/api/vendors/${vendorId}/calendar${rest}`

beforeAll(async () => {
  server = http.createServer(serve)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  ctx = await startPayload('calendar')
  payload = ctx.payload
  rest = restClient(ctx.config)
  const categoryId = (await createCategory(payload, 'Wedding photographers')).id
  vendor = await vendorAccount('Kōwhai Frames', categoryId)
  otherVendor = await vendorAccount('Tūī Lens', categoryId)
  organizer = await createUser(payload, rest, 'organizer')
  // A booking of the vendor's, ten days out.
  const jobId = await publishWeddingJob(rest, organizer.token, {
    categoryId,
    eventInDays: 10,
    deadlineInDays: 5,
  })
  const quote = await sendQuote(rest, vendor.token, jobId)
  const accepted = await rest.post(`/api/applications/${quote}/accept`, { token: organizer.token })
  expect(accepted.status).toBe(200)
  const booking = await payload.findByID({
    collection: 'bookings',
    id: accepted.body.data.booking.id,
    depth: 0,
    overrideAccess: true,
  })
  bookedDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(
    new Date(booking.eventDate),
  )
})

afterAll(async () => {
  await ctx?.stop()
  server?.close()
})

describe('blocking days', () => {
  it('blocks a range, a booked day in it staying booked, and refuses to free the booked day', async () => {
    const from = addDays(bookedDay, -1)
    const to = addDays(bookedDay, 1)
    const blocked = await rest.post(calendarPath(vendor.vendorId, '/block'), {
      token: vendor.token,
      body: { from, to, note: 'Family holiday' },
    })
    expect(blocked.status).toBe(200)
    expect(blocked.body.days).toEqual({ [from]: 'blocked', [bookedDay]: 'booked', [to]: 'blocked' })

    const refused = await rest.post(calendarPath(vendor.vendorId, '/unblock'), {
      token: vendor.token,
      body: { from: bookedDay, to: bookedDay },
    })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('DAY_BOOKED')
    expect(refused.body.error.details).toEqual({ days: [bookedDay] })

    const freed = await rest.post(calendarPath(vendor.vendorId, '/unblock'), {
      token: vendor.token,
      body: { from: to, to },
    })
    expect(freed.status).toBe(200)
    expect(freed.body.days).toEqual({})
    // Stored where search reads it: the vendor's unavailable periods, as New Zealand days.
    const stored = await payload.findByID({
      collection: 'vendors',
      id: vendor.vendorId,
      depth: 0,
      overrideAccess: true,
    })
    const periods = (stored.unavailableDates ?? []).map((p) => ({
      from: new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(
        new Date(p.from),
      ),
      to: new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date(p.to)),
      note: p.note,
    }))
    expect(periods).toEqual([{ from, to: bookedDay, note: 'Family holiday' }])
  })

  it('is the vendor’s alone, for days to come, with a clear answer to a bad body', async () => {
    const body = { from: at(30), to: at(31) }
    expect((await rest.post(calendarPath(vendor.vendorId, '/block'), { body })).status).toBe(401)
    for (const who of [otherVendor, organizer]) {
      const res = await rest.post(calendarPath(vendor.vendorId, '/block'), {
        token: who.token,
        body,
      })
      expect(res.status).toBe(403)
    }
    expect(
      (await rest.post('/api/vendors/999999/calendar/block', { token: vendor.token, body })).status,
    ).toBe(404)
    for (const bad of [
      {},
      { from: '2027-02-30', to: '2027-03-01' },
      { from: at(5), to: at(4) },
      { from: at(-3), to: at(1) },
      { from: at(1), to: at(200) },
      { from: at(1), to: at(2), status: 'active' },
    ]) {
      const res = await rest.post(calendarPath(vendor.vendorId, '/block'), {
        token: vendor.token,
        body: bad,
      })
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 })
    }
  })

  it('shows anyone busy or free, and never why', async () => {
    const res = await rest.get(
      `/api/vendors/${vendor.vendorId}/availability?from=${addDays(bookedDay, -3)}&to=${addDays(bookedDay, 3)}`,
    )
    expect(res.status).toBe(200)
    expect(res.body.busy).toEqual([addDays(bookedDay, -1), bookedDay])
    expect(JSON.stringify(res.body)).not.toMatch(/booked|blocked|holiday/i)
    // The vendor's own view says why.
    const own = await rest.get(
      calendarPath(vendor.vendorId, `?from=${addDays(bookedDay, -1)}&to=${bookedDay}`),
      { token: vendor.token },
    )
    expect(own.body.days).toEqual({ [addDays(bookedDay, -1)]: 'blocked', [bookedDay]: 'booked' })
    expect(
      (await rest.get(calendarPath(vendor.vendorId), { token: otherVendor.token })).status,
    ).toBe(403)
  })
})

describe('the private feed', () => {
  it('gives Google, Outlook and Apple the bookings and blocked days on the right New Zealand dates', async () => {
    const made = await rest.post(calendarPath(vendor.vendorId, '/feed'), { token: vendor.token })
    expect(made.status).toBe(200)
    const url = new URL(made.body.url)
    expect(url.pathname).toMatch(/^\/api\/calendar-feeds\/[\w-]{32}\.ics$/)
    const feed = await rest.get(url.pathname)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/)
    const events = Object.values(ical.sync.parseICS(feed.body)).filter(
      (c): c is VEvent => c?.type === 'VEVENT',
    )
    const dayOf = (date: Date) =>
      `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
    const booked = events.find((event) => String(event.summary).startsWith('Booked:'))!
    expect(booked.datetype).toBe('date')
    expect(dayOf(booked.start)).toBe(bookedDay)
    expect(dayOf(booked.end!)).toBe(addDays(bookedDay, 1))
    const away = events.find((event) => String(event.summary).startsWith('Unavailable'))!
    expect(String(away.summary)).toBe('Unavailable: Family holiday')
    expect(dayOf(away.start)).toBe(addDays(bookedDay, -1))
    // The booked day is in the blocked period too, which ends the day after it (exclusive).
    expect(dayOf(away.end!)).toBe(addDays(bookedDay, 1))
    // Never the token itself anywhere in the vendor's API data.
    const profile = await rest.get(`/api/vendors/${vendor.vendorId}`, { token: vendor.token })
    expect(JSON.stringify(profile.body)).not.toMatch(/calendarFeedToken/)
  })

  it('stops the old address when a new one is made, and every address when revoked', async () => {
    const first = new URL(
      (await rest.post(calendarPath(vendor.vendorId, '/feed'), { token: vendor.token })).body.url,
    )
    const second = new URL(
      (await rest.post(calendarPath(vendor.vendorId, '/feed'), { token: vendor.token })).body.url,
    )
    expect((await rest.get(first.pathname)).status).toBe(404)
    expect((await rest.get(second.pathname)).status).toBe(200)
    expect(
      (await rest.post(calendarPath(vendor.vendorId, '/feed'), { token: otherVendor.token }))
        .status,
    ).toBe(403)
    const revoked = await rest.delete(calendarPath(vendor.vendorId, '/feed'), {
      token: vendor.token,
    })
    expect(revoked.status).toBe(200)
    expect((await rest.get(second.pathname)).status).toBe(404)
    expect((await rest.get('/api/calendar-feeds/..%2F..%2Fetc%2Fpasswd.ics')).status).toBe(404)
    expect((await rest.get(`/api/calendar-feeds/${'a'.repeat(32)}.ics`)).status).toBe(404)
  })
})

describe('subscribing to an outside calendar', () => {
  let rowId: string

  it('reads recurring, all-day and timed events (Auckland and UTC) as busy elsewhere', async () => {
    const added = await rest.post(calendarPath(vendor.vendorId, '/subscriptions'), {
      token: vendor.token,
      body: { url: `${base}/flaky.ics`, label: 'Google' },
    })
    expect(added.status).toBe(200)
    rowId = added.body.subscriptions[0].id
    expect(added.body.subscriptions[0]).toMatchObject({ label: 'Google', lastError: null })
    const own = await rest.get(calendarPath(vendor.vendorId, `?from=${at(15)}&to=${at(120)}`), {
      token: vendor.token,
    })
    const elsewhere = Object.entries(own.body.days as Record<string, string>)
      .filter(([, reason]) => reason === 'elsewhere')
      .map(([day]) => day)
      .sort()
    expect(elsewhere).toEqual(EXPECTED_ELSEWHERE)
    // Busy elsewhere is busy to organizers too.
    const open = await rest.get(
      `/api/vendors/${vendor.vendorId}/availability?from=${at(15)}&to=${at(120)}`,
    )
    expect(open.body.busy).toEqual(expect.arrayContaining(EXPECTED_ELSEWHERE))
  })

  it('keeps the last good copy when a later read fails, and says why', async () => {
    flakyUp = false
    const outcome = await refreshExternalCalendars(await createLocalReq({}, payload))
    expect(outcome).toEqual({ read: 0, failed: 1 })
    const own = await rest.get(calendarPath(vendor.vendorId, `?from=${at(15)}&to=${at(120)}`), {
      token: vendor.token,
    })
    expect(own.body.subscriptions[0].lastError).toMatch(/503/)
    expect(
      Object.values(own.body.days as Record<string, string>).filter((r) => r === 'elsewhere'),
    ).toHaveLength(EXPECTED_ELSEWHERE.length)
    flakyUp = true
    expect(await refreshExternalCalendars(await createLocalReq({}, payload))).toEqual({
      read: 1,
      failed: 0,
    })
  })

  it('refuses what is not a calendar, and keeps the address from other vendors', async () => {
    for (const [path, code] of [
      ['/malformed.ics', 'CALENDAR_UNREADABLE'],
      ['/page.html', 'CALENDAR_UNREADABLE'],
      ['/huge.ics', 'CALENDAR_UNREADABLE'],
      ['/missing.ics', 'CALENDAR_UNREADABLE'],
    ]) {
      const res = await rest.post(calendarPath(vendor.vendorId, '/subscriptions'), {
        token: vendor.token,
        body: { url: `${base}${path}` },
      })
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 422,
        code,
      })
    }
    for (const url of ['ftp://example.com/cal.ics', 'file:///etc/passwd', 'not a url']) {
      const res = await rest.post(calendarPath(vendor.vendorId, '/subscriptions'), {
        token: vendor.token,
        body: { url },
      })
      expect({ url, status: res.status }).toEqual({ url, status: 400 })
    }
    // Another vendor reads the profile without its subscriptions, and cannot filter on them.
    const seen = await rest.get(`/api/vendors/${vendor.vendorId}`, { token: otherVendor.token })
    expect(seen.status).toBe(200)
    expect(seen.body.externalCalendars ?? []).toEqual([])
    expect(JSON.stringify(seen.body)).not.toContain(new URL(base).host)
    const probe = await rest.get(
      `/api/vendors?where[externalCalendars.url][like]=127.0.0.1&depth=0`,
      { token: otherVendor.token },
    )
    expect(probe.body.docs ?? []).toHaveLength(0)
    expect(
      (
        await rest.delete(calendarPath(vendor.vendorId, `/subscriptions/${rowId}`), {
          token: otherVendor.token,
        })
      ).status,
    ).toBe(403)
    // Nor can the vendor write the fetched copy themselves through Payload's own route.
    await rest.patch(`/api/vendors/${vendor.vendorId}`, {
      token: vendor.token,
      body: { externalCalendars: [{ url: 'https://evil.example/x.ics', busy: [] }] },
    })
    const after = await rest.get(calendarPath(vendor.vendorId), { token: vendor.token })
    expect(after.body.subscriptions).toHaveLength(1)
    expect(after.body.subscriptions[0].host).toBe(new URL(base).host)
  })

  it('stops blocking the days once removed', async () => {
    const res = await rest.delete(calendarPath(vendor.vendorId, `/subscriptions/${rowId}`), {
      token: vendor.token,
    })
    expect(res.status).toBe(200)
    expect(res.body.subscriptions).toEqual([])
    const open = await rest.get(
      `/api/vendors/${vendor.vendorId}/availability?from=${at(15)}&to=${at(120)}`,
    )
    expect(open.body.busy).toEqual([])
  })
})

describe('search’s date filter', () => {
  const found = async (day: string) => {
    await payload.jobs.run({ queue: 'search', limit: 500 })
    const res = await rest.get(`/api/vendors/search?from=${day}&to=${day}&limit=50`)
    expect(res.status).toBe(200)
    return (res.body.data.vendors as { id: number }[]).map((hit) => hit.id)
  }

  it('leaves out a vendor on a day they are booked, blocked or busy elsewhere', async () => {
    // Blocked (the day after it was freed above, so it is free again).
    expect(await found(addDays(bookedDay, -1))).not.toContain(vendor.vendorId)
    expect(await found(addDays(bookedDay, 1))).toContain(vendor.vendorId)
    // Booked, with nothing blocked: the other vendor is booked twelve days out.
    const jobId = await publishWeddingJob(rest, organizer.token, {
      categoryId: (await payload.find({ collection: 'categories', limit: 1 })).docs[0]!.id,
      title: 'Anniversary dinner',
      eventInDays: 12,
      deadlineInDays: 5,
    })
    const twelve = at(12)
    expect(await found(twelve)).toContain(otherVendor.vendorId)
    const quote = await sendQuote(rest, otherVendor.token, jobId)
    expect(
      (await rest.post(`/api/applications/${quote}/accept`, { token: organizer.token })).status,
    ).toBe(200)
    expect(await found(twelve)).not.toContain(otherVendor.vendorId)
    expect(await found(twelve)).toContain(vendor.vendorId)
    // Busy elsewhere: a subscription's days count until it is removed.
    const added = await rest.post(calendarPath(otherVendor.vendorId, '/subscriptions'), {
      token: otherVendor.token,
      body: { url: `${base}/good.ics` },
    })
    expect(added.status).toBe(200)
    expect(await found(longWeekend)).not.toContain(otherVendor.vendorId)
    expect(await found(addDays(longWeekend, 5))).toContain(otherVendor.vendorId)
  })
})

describe('fetching a vendor’s address (a request the server makes on their say-so)', () => {
  const refused = async (url: string) => {
    const error = await fetchCalendar(url).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CalendarFetchError)
    return (error as CalendarFetchError).code
  }

  it('refuses loopback, private, link-local and metadata addresses, directly or by redirect', async () => {
    const port = new URL(base).port
    for (const url of [
      `${base}/good.ics`,
      'http://localhost/good.ics',
      `http://[::1]:${port}/good.ics`,
      `http://[::ffff:127.0.0.1]:${port}/good.ics`,
      'http://10.0.0.1/cal.ics',
      'http://192.168.1.10/cal.ics',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/cal.ics',
      'http://[fec0::1]/cal.ics',
      'http://2130706433/cal.ics',
    ]) {
      expect({ url, code: await refused(url) }).toEqual({ url, code: 'PRIVATE_ADDRESS' })
    }
    // A first hop that may be read cannot redirect inward: each hop is checked again.
    const onlyTheTestServer = { allowAddress: (ip: string) => ip === '127.0.0.1' }
    expect((await fetchCalendar(`${base}/good.ics`, onlyTheTestServer)).body).toContain('VEVENT')
    const viaRedirect = await fetchCalendar(`${base}/to-metadata.ics`, onlyTheTestServer).then(
      () => 'fetched',
      (e: CalendarFetchError) => e.code,
    )
    expect(viaRedirect).toBe('PRIVATE_ADDRESS')
  })

  it('refuses other schemes, ports and credentials, and follows a redirect it may', async () => {
    for (const url of [
      'https://example.com:8443/cal.ics',
      'gopher://example.com/',
      'file:///etc/passwd',
      'https://u:p@example.com/x',
    ]) {
      expect({ url, code: await refused(url) }).toEqual({ url, code: 'BAD_URL' })
    }
    const followed = await fetchCalendar(`${base}/redirect.ics`, {
      allowAddress: (ip) => ip === '127.0.0.1',
    })
    expect(followed.body).toContain('BEGIN:VCALENDAR')
    expect(followed.url).toBe(`${base}/good.ics`)
    // A broken redirect is the calendar's fault, said as such (not a crash of the task).
    const broken = await fetchCalendar(`${base}/broken-redirect.ics`, {
      allowAddress: (ip) => ip === '127.0.0.1',
    }).then(
      () => 'fetched',
      (e: CalendarFetchError) => e.code,
    )
    expect(broken).toBe('UNREACHABLE')
  })
})
