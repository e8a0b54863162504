import type { Payload } from 'payload'

import type { User } from '../../src/payload-types'
import { Browser, ORIGIN, redirectTarget as target } from '../helpers/browser'
import { type FacebookPerson, startFacebookPeer } from '../helpers/facebookPeer'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'

const APP_ID = '1234567890'
const APP_SECRET = 'facebook-app-secret-for-the-local-peer'
const CALLBACK = `${ORIGIN}/api/users/oauth/facebook/callback`

let ctx: TestContext
let payload: Payload
let rest: RestClient
let facebook: Awaited<ReturnType<typeof startFacebookPeer>>

beforeAll(async () => {
  facebook = await startFacebookPeer({
    appId: APP_ID,
    appSecret: APP_SECRET,
    redirectUri: CALLBACK,
  })
  // Facebook points at the local peer; Google is left unconfigured, so it is switched off.
  Object.assign(process.env, {
    FACEBOOK_CLIENT_ID: APP_ID,
    FACEBOOK_CLIENT_SECRET: APP_SECRET,
    FACEBOOK_DIALOG_URL: facebook.dialogUrl,
    FACEBOOK_GRAPH_URL: facebook.graphUrl,
  })
  delete process.env.GOOGLE_CLIENT_ID
  delete process.env.GOOGLE_CLIENT_SECRET
  ctx = await startPayload('oauth_facebook')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
  await facebook?.stop()
})

let counter = 0

const facebookPerson = (profile: Partial<FacebookPerson> = {}) => {
  counter += 1
  const person: FacebookPerson = {
    id: `10${counter}${Date.now()}`,
    first_name: 'Tama',
    last_name: 'Walker',
    email: `fb${counter}-${Date.now().toString(36)}@facebook.example`,
    ...profile,
  }
  facebook.people.set(person.id, person)
  return person
}

const signInWithFacebook = async (browser: Browser, personId: string) => {
  const dialog = target(await browser.get('/api/users/oauth/facebook'))
  const callback = await facebook.signIn(dialog.url.href, personId)
  expect(callback.href.startsWith(CALLBACK)).toBe(true)
  const answer = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
  return { dialog, callback, answer }
}

// System read: the stored row, hidden fields included.
const storedUser = async (where: Record<string, unknown>) =>
  (await payload.db.findOne({ collection: 'users', where: where as never })) as
    (User & { linkedIdentities?: { provider: string; subject: string }[] }) | null

it('leaves Google switched off when its client id and secret are not set', async () => {
  const response = await rest.get('/api/users/oauth/google')
  expect(response.status).toBe(404)
  expect(response.body.error.code).toBe('PROVIDER_NOT_AVAILABLE')
})

it('asks Facebook for the email and profile with state and an S256 PKCE challenge', async () => {
  const { url } = target(await rest.get('/api/users/oauth/facebook'))
  expect(url.origin + url.pathname).toBe(facebook.dialogUrl)
  expect(url.searchParams.get('client_id')).toBe(APP_ID)
  expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK)
  expect(url.searchParams.get('scope')).toBe('email public_profile')
  expect(url.searchParams.get('code_challenge_method')).toBe('S256')
  expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/)
})

it('makes a new account whose address is confirmed by email, since Facebook does not vouch for it', async () => {
  const person = facebookPerson()
  const browser = new Browser(rest)
  const { answer } = await signInWithFacebook(browser, person.id)
  expect(target(answer).path).toBe('/signup/provider')
  const done = await browser.post('/api/users/oauth/signup', {
    role: 'organizer',
    acceptTerms: true,
    acceptPrivacy: true,
  })
  expect(done.body).toEqual({ success: true, data: { sentTo: person.email } })
  expect(browser.signedIn).toBe(false)
  const row = (await storedUser({ email: { equals: person.email } }))!
  expect(row).toMatchObject({ role: 'organizer', firstName: 'Tama', _verified: false })
  expect(row.linkedIdentities).toEqual([
    expect.objectContaining({ provider: 'facebook', subject: person.id }),
  ])
  expect(readMails(ctx.mailDir, person.email!).join('\n')).toContain('Confirm your email')

  // Before the address is confirmed, Facebook does not sign them in either.
  const early = await signInWithFacebook(new Browser(rest), person.id)
  expect(target(early.answer).params.get('oauthError')).toBe('UNVERIFIED')

  await payload.db.updateOne({
    collection: 'users',
    id: row.id,
    data: { _verified: true },
    returning: false,
  })
  const later = new Browser(rest)
  const { answer: signedIn } = await signInWithFacebook(later, person.id)
  expect(target(signedIn).path).toBe('/account')
  expect(later.signedIn).toBe(true)
})

it('never links an existing account by email alone: the person links Facebook from their account page', async () => {
  const existing = await createUser(payload, rest, 'vendor')
  const person = facebookPerson({ email: existing.email })
  const { answer } = await signInWithFacebook(new Browser(rest), person.id)
  expect(target(answer).params.get('oauthError')).toBe('EMAIL_NOT_VERIFIED')
  expect((await storedUser({ id: { equals: existing.user.id } }))!.linkedIdentities).toEqual([])

  const browser = new Browser(rest)
  browser.cookies.set('payload-token', existing.token)
  const { answer: linked } = await signInWithFacebook(browser, person.id)
  expect(target(linked).params.get('linked')).toBe('facebook')
  expect((await storedUser({ id: { equals: existing.user.id } }))!.linkedIdentities).toEqual([
    expect.objectContaining({ provider: 'facebook', subject: person.id }),
  ])
})

it('needs an email address to make an account', async () => {
  const person = facebookPerson({ email: undefined })
  const { answer } = await signInWithFacebook(new Browser(rest), person.id)
  expect(target(answer).params.get('oauthError')).toBe('EMAIL_MISSING')
})

it('refuses a cancelled login and a replayed code', async () => {
  const cancelled = await signInWithFacebook(new Browser(rest), 'cancel')
  expect(target(cancelled.answer).params.get('oauthError')).toBe('CANCELLED')

  const person = facebookPerson()
  const browser = new Browser(rest)
  const dialog = target(await browser.get('/api/users/oauth/facebook'))
  const flow = browser.headers
  const callback = await facebook.signIn(dialog.url.href, person.id)
  const first = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
  expect(target(first).path).toBe('/signup/provider')
  const replay = await rest.get(`${callback.pathname}${callback.search}`, {
    headers: { ...flow, 'Sec-Fetch-Site': 'cross-site' },
  })
  expect(target(replay).params.get('oauthError')).toBe('CODE_REJECTED')
  expect(replay.headers.getSetCookie().join('\n')).not.toMatch(/payload-(token|oauth-pending)=ey/)
})
