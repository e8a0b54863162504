import type { Payload } from 'payload'

import type { User } from '../../src/payload-types'
import { Browser, ORIGIN, redirectTarget as target } from '../helpers/browser'
import { type FacebookPerson, startFacebookPeer } from '../helpers/facebookPeer'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, readMails } from '../helpers/users'
import { oauthErrorMessage } from '../../src/lib/auth/oauth/messages'

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

it('makes no account from a Facebook address, which Facebook does not vouch for: the person signs up with their email', async () => {
  const person = facebookPerson()
  const browser = new Browser(rest)
  const { answer } = await signInWithFacebook(browser, person.id)
  const { path, params } = target(answer)
  expect(path).toBe('/signup')
  expect(params.get('oauthError')).toBe('SIGNUP_EMAIL_NOT_VERIFIED')
  expect(oauthErrorMessage(params.get('oauthError'), params.get('provider'))).toBe(
    'Facebook has not confirmed that your email address is yours, so we cannot create an account from it. Sign up with your email address instead, then link Facebook on your account page.',
  )
  expect(browser.signedIn).toBe(false)
  expect(browser.cookies.has('payload-oauth-pending')).toBe(false)
  const done = await browser.post('/api/users/oauth/signup', {
    role: 'organizer',
    acceptTerms: true,
    acceptPrivacy: true,
  })
  expect(done.status).toBe(410)
  expect(browser.signedIn).toBe(false)
  expect(await storedUser({ email: { equals: person.email } })).toBeNull()
  expect(
    await storedUser({ 'linkedIdentities.key': { equals: `facebook:${person.id}` } }),
  ).toBeNull()
  expect(readMails(ctx.mailDir, person.email!)).toEqual([])
})

it("gives an attacker who signs up first with someone else's address no way into the account its owner makes later", async () => {
  const victimEmail = `victim${Date.now().toString(36)}@example.test`
  const attacker = facebookPerson({ email: victimEmail })
  const first = await signInWithFacebook(new Browser(rest), attacker.id)
  expect(target(first.answer).params.get('oauthError')).toBe('SIGNUP_EMAIL_NOT_VERIFIED')
  expect(readMails(ctx.mailDir, victimEmail)).toEqual([])

  // The owner signs up with their address (and confirms it) as anyone would.
  const victim = await createUser(payload, rest, 'organizer', { email: victimEmail })
  const later = new Browser(rest)
  const { answer } = await signInWithFacebook(later, attacker.id)
  expect(target(answer).params.get('oauthError')).toBe('EMAIL_NOT_VERIFIED')
  expect(later.signedIn).toBe(false)
  expect((await storedUser({ id: { equals: victim.user.id } }))!.linkedIdentities).toEqual([])
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

  // A Facebook account linked from the account page, so its first answer signs in.
  const owner = await createUser(payload, rest, 'organizer')
  const person = facebookPerson({ email: owner.email })
  const linking = new Browser(rest)
  linking.cookies.set('payload-token', owner.token)
  expect(target((await signInWithFacebook(linking, person.id)).answer).params.get('linked')).toBe(
    'facebook',
  )

  const browser = new Browser(rest)
  const dialog = target(await browser.get('/api/users/oauth/facebook'))
  const flow = browser.headers
  const callback = await facebook.signIn(dialog.url.href, person.id)
  const first = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
  expect(target(first).path).toBe('/account')
  expect(browser.signedIn).toBe(true)
  const replay = await rest.get(`${callback.pathname}${callback.search}`, {
    headers: { ...flow, 'Sec-Fetch-Site': 'cross-site' },
  })
  expect(target(replay).params.get('oauthError')).toBe('CODE_REJECTED')
  expect(replay.headers.getSetCookie().join('\n')).not.toMatch(/payload-(token|oauth-pending)=ey/)
})
