import { createHmac } from 'node:crypto'
import { createLocalReq, type Payload } from 'payload'

import { MARKETPLACE_QUEUE, type MarketplaceEmail, queueEmail } from '@/lib/kit/email'
import { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/kit/notifications'
import { unsubscribeToken } from '@/lib/kit/unsubscribe'

import { recordSecurityEvent } from '../../src/lib/auth/securityNotice'
import { readNotificationLink, setNotificationFromLink } from '../../src/lib/email/unsubscribe'
import type { User } from '../../src/payload-types'
import { DAY_MS, inDays } from '../helpers/dates'
import { createCategory, createVendor } from '../helpers/fixtures'
import { type ParsedMail, parsedMailsTo, partOf } from '../helpers/mail'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient, routeHandlers } from '../helpers/rest'
import { createUser, SIGN_UP_CONSENT, TEST_PASSWORD } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let handlers: ReturnType<typeof routeHandlers>

const SITE = 'http://localhost:3000'
const PREFERENCE_FIELDS = Object.values(NOTIFICATION_KINDS).map(({ field }) => field)

beforeAll(async () => {
  ctx = await startPayload('emails')
  payload = ctx.payload
  rest = restClient(ctx.config)
  handlers = routeHandlers(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
})

const runQueuedEmails = () => payload.jobs.run({ queue: MARKETPLACE_QUEUE, limit: 100 })

const mailsTo = (email: string): ParsedMail[] => parsedMailsTo(ctx.mailDir, email)

const latestMailTo = (email: string): ParsedMail => {
  const mail = mailsTo(email).at(-1)
  if (!mail) throw new Error(`no email was written for ${email}`)
  return mail
}

/** Both parts there, the text one free of markup and carrying every link of the HTML as a URL. */
const expectHtmlAndText = (mail: ParsedMail) => {
  expect(mail.type).toBe('multipart/alternative')
  const text = partOf(mail, 'text/plain')
  const html = partOf(mail, 'text/html')
  expect(html).toMatch(/<p>/)
  expect(text).toBeTruthy()
  expect(text).not.toMatch(/<\/?[a-z]+[ >]/i)
  const links = [...html!.matchAll(/href="([^"]+)"/g)].map((match) =>
    match[1]!.replace(/&#38;/g, '&'),
  )
  expect(links.length).toBeGreaterThan(0)
  for (const link of links) expect(text).toContain(link)
  return { text: text!, html: html! }
}

/** The token in the URL of a List-Unsubscribe header, `<https://…/api/unsubscribe?token=…>`. */
const headerToken = (mail: ParsedMail): string => {
  const match = mail.headers['list-unsubscribe']?.match(
    /^<http:\/\/localhost:3000\/api\/unsubscribe\?token=([^>]+)>$/,
  )
  if (!match) throw new Error(`no one-click URL in ${mail.headers['list-unsubscribe']}`)
  return decodeURIComponent(match[1]!)
}

/** What a mail provider sends for the one-click button: a form post with no cookies or token. */
const oneClick = async (token: string, body: BodyInit | null = 'List-Unsubscribe=One-Click') => {
  const headers = new Headers()
  if (typeof body === 'string') headers.set('Content-Type', 'application/x-www-form-urlencoded')
  const response = await handlers.POST(
    new Request(`${SITE}/api/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers,
      body,
    }),
    { params: Promise.resolve({ slug: ['unsubscribe'] }) },
  )
  return { status: response.status, body: await response.json() }
}

const preferencesOf = async (id: number) => {
  const user = (await payload.findByID({ collection: 'users', id, depth: 0 })) as User
  return Object.fromEntries(PREFERENCE_FIELDS.map((field) => [field, user[field] !== false]))
}

const allOn = () => Object.fromEntries(PREFERENCE_FIELDS.map((field) => [field, true]))

/** A notification (or, without `kind`, a transactional email) queued as the app's code does. */
const queue = async (userId: number, subject: string, kind?: NotificationKind) => {
  const email: MarketplaceEmail = {
    userId,
    subject,
    intro: 'Something happened on Event Pros NZ.',
    actionLabel: 'Have a look',
    actionPath: '/account',
    ...(kind && { kind }),
  }
  await queueEmail(await createLocalReq({}, payload), email)
}

const subjectsTo = (email: string) => mailsTo(email).map((mail) => mail.headers.subject)

describe('every email has a plain-text part beside the HTML', () => {
  it('sign-up verification: Payload’s own email, with the confirmation link as a URL', async () => {
    const email = 'manaia.signup@example.test'
    const res = await rest.post('/api/users', {
      body: {
        email,
        firstName: 'Manaia',
        lastName: 'Rāwiri',
        password: TEST_PASSWORD,
        role: 'organizer',
        ...SIGN_UP_CONSENT,
      },
    })
    expect(res.status).toBe(201)
    const mail = latestMailTo(email)
    expect(mail.headers.subject).toBe('Confirm your email for Event Pros NZ')
    const { text } = expectHtmlAndText(mail)
    expect(text).toMatch(/Kia ora Manaia,/)
    expect(text).toMatch(new RegExp(`${SITE}/verify-email\\?token=[0-9a-f]{20,}`))
    expect(mail.headers['list-unsubscribe']).toBeUndefined()
  })

  it('forgot password: multipart, and no unsubscribe on an account email', async () => {
    const { email } = await createUser(payload, rest, 'organizer')
    expect((await rest.post('/api/users/forgot-password', { body: { email } })).status).toBe(200)
    const mail = latestMailTo(email)
    expect(mail.headers.subject).toBe('Reset your Event Pros NZ password')
    const { text } = expectHtmlAndText(mail)
    expect(text).toMatch(new RegExp(`${SITE}/reset-password\\?token=[0-9a-f]{20,}`))
    expect(text).toContain('If that was not you, ignore this email')
    expect(mail.headers['list-unsubscribe']).toBeUndefined()
    expect(mail.headers['list-unsubscribe-post']).toBeUndefined()
    expect(text).not.toMatch(/unsubscribe/i)
  })

  it('a security notice: multipart, transactional, no unsubscribe', async () => {
    const { user, email } = await createUser(payload, rest, 'vendor')
    await recordSecurityEvent(
      await createLocalReq({ user: { ...user, collection: 'users' } }, payload),
      user,
      'user.2fa-disable',
    )
    const mail = latestMailTo(email)
    expect(mail.headers.subject).toBe(
      'Two-step sign-in was turned off for your Event Pros NZ account',
    )
    const { text } = expectHtmlAndText(mail)
    expect(text).toContain(`${SITE}/account/security`)
    expect(mail.headers['list-unsubscribe']).toBeUndefined()
  })

  describe('a queued marketplace email: a new quote, as the app sends it', () => {
    let organizer: Account
    let mail: ParsedMail

    beforeAll(async () => {
      const categoryId = (await createCategory(payload, 'Celebrants')).id
      organizer = await createUser(payload, rest, 'organizer')
      const vendor = await createUser(payload, rest, 'vendor')
      await createVendor(payload, vendor.user.id, categoryId, { businessName: 'Tūī Ceremonies' })
      const job = await rest.post('/api/jobs', {
        token: organizer.token,
        body: {
          title: 'Celebrant for a beach wedding',
          description: 'A relaxed celebrant for a small beach wedding at Ōhope in the summer.',
          eventType: 'wedding',
          eventDate: inDays(90),
          guestCount: 40,
          budgetMin: 500,
          budgetMax: 900,
          location: { city: 'Napier', address: '1 Marine Parade' },
          categories: [categoryId],
          applicationDeadline: inDays(30),
        },
      })
      expect(job.status).toBe(201)
      const jobId = job.body.doc.id as number
      expect(
        (await rest.post(`/api/jobs/${jobId}/publish`, { token: organizer.token })).status,
      ).toBe(200)
      const quote = await rest.post(`/api/jobs/${jobId}/apply`, {
        token: vendor.token,
        body: {
          message: 'Kia ora! I would love to marry you on the beach; short, warm and bilingual.',
          lineItems: [{ description: 'Ceremony', quantity: 1, unitPriceCents: 60_000 }],
        },
      })
      expect(quote.status).toBe(201)
      await runQueuedEmails()
      mail = latestMailTo(organizer.email)
    })

    it('is multipart with both parts', () => {
      expect(mail.headers.subject).toBe('New quote for “Celebrant for a beach wedding”')
      const { text } = expectHtmlAndText(mail)
      expect(text).toContain('Tūī Ceremonies sent a quote of $690.00')
      expect(text).toMatch(new RegExp(`${SITE}/my-jobs/\\d+`))
    })

    it('carries the RFC 8058 headers, and the same link in its plain-text footer', () => {
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
      const token = headerToken(mail)
      const { text } = expectHtmlAndText(mail)
      expect(text).toContain('quote emails are on for your account')
      expect(text).toContain(`${SITE}/unsubscribe?token=${encodeURIComponent(token)}`)
      expect(text).toContain(`${SITE}/account`)
    })

    it('names the organizer and the kind of email in its token', async () => {
      const change = await setNotificationFromLink(
        await createLocalReq({}, payload),
        headerToken(mail),
        true,
      )
      expect(change).toMatchObject({ kind: 'quotes', what: 'Quote emails', enabled: true })
      expect(change.email).toMatch(/^o•+@example\.test$/)
    })
  })
})

describe('one-click unsubscribe', () => {
  let person: Account
  let bystander: Account
  let token: string

  beforeAll(async () => {
    person = await createUser(payload, rest, 'vendor')
    bystander = await createUser(payload, rest, 'vendor')
    await queue(person.user.id, 'Your quote was shortlisted', 'quotes')
    await runQueuedEmails()
    token = headerToken(latestMailTo(person.email))
  })

  it('turns exactly that kind off for the account in the token, with no session', async () => {
    expect(await preferencesOf(person.user.id)).toEqual(allOn())
    const res = await oneClick(token)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ success: true, data: { kind: 'quotes', enabled: false } })
    expect(await preferencesOf(person.user.id)).toEqual({ ...allOn(), quoteEmails: false })
    expect(await preferencesOf(bystander.user.id)).toEqual(allOn())
  })

  it('answers a second post with 200 and changes nothing more', async () => {
    const res = await oneClick(token)
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual({ kind: 'quotes', enabled: false })
    expect(await preferencesOf(person.user.id)).toEqual({ ...allOn(), quoteEmails: false })
  })

  it('does not send an email of a kind turned off; other kinds and account emails still go', async () => {
    await queue(person.user.id, 'Your quote was not chosen', 'quotes')
    await queue(person.user.id, 'New 5-star review', 'reviews')
    await queue(person.user.id, 'Your payment did not go through')
    await runQueuedEmails()
    const subjects = subjectsTo(person.email)
    expect(subjects).not.toContain('Your quote was not chosen')
    expect(subjects).toEqual(
      expect.arrayContaining(['New 5-star review', 'Your payment did not go through']),
    )
    const transactional = mailsTo(person.email).find(
      (mail) => mail.headers.subject === 'Your payment did not go through',
    )!
    expect(transactional.headers['list-unsubscribe']).toBeUndefined()
    expect(partOf(transactional, 'text/plain')).not.toMatch(/unsubscribe/i)
  })

  it('checks the preference when the email is sent, not when it was queued', async () => {
    const { user, email } = await createUser(payload, rest, 'organizer')
    await queue(user.id, 'Quotes for your job close soon', 'reminders')
    await payload.update({ collection: 'users', id: user.id, data: { reminderEmails: false } })
    await runQueuedEmails()
    expect(subjectsTo(email)).not.toContain('Quotes for your job close soon')
  })

  it('takes a multipart form post too, as RFC 8058 allows', async () => {
    const form = new FormData()
    form.set('List-Unsubscribe', 'One-Click')
    const reviews = await unsubscribeToken(payload, bystander.user.id, 'reviews')
    const res = await oneClick(reviews, form)
    expect(res.status).toBe(200)
    expect(await preferencesOf(bystander.user.id)).toEqual({ ...allOn(), reviewEmails: false })
    await payload.update({
      collection: 'users',
      id: bystander.user.id,
      data: { reviewEmails: true },
    })
  })

  it('refuses a post without List-Unsubscribe=One-Click (400), changing nothing', async () => {
    const other = await unsubscribeToken(payload, bystander.user.id, 'messages')
    for (const body of [null, '', 'List-Unsubscribe=Yes', '{"List-Unsubscribe":"One-Click"}']) {
      const res = await oneClick(other, body)
      expect(res.status).toBe(400)
      expect(res.body.success).toBe(false)
      expect(res.body.error.message).toMatch(/List-Unsubscribe=One-Click/)
    }
    expect(await preferencesOf(bystander.user.id)).toEqual(allOn())
  })

  describe('refuses a forged or tampered token with a 400', () => {
    const parts = () => token.split('.') as [string, string, string]

    const expectRefused = async (forged: string) => {
      const res = await oneClick(forged)
      expect(res.status).toBe(400)
      expect(res.body.success).toBe(false)
      expect(res.body.error.code).toBe('INVALID_TOKEN')
      expect(res.body.error.message).toMatch(/not valid/)
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/)
    }

    afterEach(async () => {
      expect(await preferencesOf(bystander.user.id)).toEqual(allOn())
    })

    it('a changed signature', async () => {
      const [h, c, s] = parts()
      await expectRefused(`${h}.${c}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`)
    })

    it('claims rewritten to name someone else or another kind, the signature kept', async () => {
      const [h, c, s] = parts()
      const decoded = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'))
      for (const change of [{ sub: String(bystander.user.id) }, { kind: 'messages' }]) {
        const rewritten = Buffer.from(JSON.stringify({ ...decoded, ...change })).toString(
          'base64url',
        )
        await expectRefused(`${h}.${rewritten}.${s}`)
      }
    })

    it('a token signed with PAYLOAD_SECRET itself, as a sign-in token is', async () => {
      const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')
      const c = Buffer.from(
        JSON.stringify({
          sub: String(bystander.user.id),
          kind: 'messages',
          aud: 'eventpros:unsubscribe',
          exp: Math.floor(Date.now() / 1000) + 3600,
        }),
      ).toString('base64url')
      const s = createHmac('sha256', payload.secret).update(`${h}.${c}`).digest('base64url')
      await expectRefused(`${h}.${c}.${s}`)
    })

    it('someone’s sign-in token', async () => {
      await expectRefused(bystander.token)
    })

    it('an unsigned token, and no token at all', async () => {
      const [, c] = parts()
      const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')
      await expectRefused(`${none}.${c}.`)
      await expectRefused('')
      await expectRefused('not-a-token')
    })
  })

  it('refuses a token more than a year old with a 400 that says so', async () => {
    const old = await unsubscribeToken(
      payload,
      bystander.user.id,
      'messages',
      new Date(Date.now() - 366 * DAY_MS),
    )
    const res = await oneClick(old)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('EXPIRED_TOKEN')
    expect(res.body.error.message).toMatch(/more than a year old/)
    expect(await preferencesOf(bystander.user.id)).toEqual(allOn())
  })

  it('sends a GET of the header’s URL on to the page’s confirmation step, changing nothing', async () => {
    const on = await unsubscribeToken(payload, bystander.user.id, 'messages')
    const res = await rest.get(`/api/unsubscribe?token=${encodeURIComponent(on)}`)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(
      `${SITE}/unsubscribe?token=${encodeURIComponent(on)}&confirm=1`,
    )
    expect(await preferencesOf(bystander.user.id)).toEqual(allOn())
    const asked = await readNotificationLink(await createLocalReq({}, payload), on)
    expect(asked).toMatchObject({ kind: 'messages', enabled: true })
    expect(await preferencesOf(bystander.user.id)).toEqual(allOn())
    expect((await rest.get('/api/unsubscribe')).status).toBe(400)
  })

  it('turns the kind back on from the page’s button, and the emails come again', async () => {
    const change = await setNotificationFromLink(await createLocalReq({}, payload), token, true)
    expect(change).toMatchObject({ kind: 'quotes', what: 'Quote emails', enabled: true })
    expect(await preferencesOf(person.user.id)).toEqual(allOn())
    await queue(person.user.id, 'You are shortlisted again', 'quotes')
    await runQueuedEmails()
    expect(subjectsTo(person.email)).toContain('You are shortlisted again')
  })
})
