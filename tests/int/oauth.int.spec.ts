import type { Payload } from 'payload'

import { POLICY_VERSIONS } from '../../src/lib/privacy/policies'
import { pendingCookie } from '../../src/lib/auth/oauth/flow'
import { oauthErrorMessage } from '../../src/lib/auth/oauth/messages'
import { totpCode } from '../../src/lib/auth/totp'
import type { User } from '../../src/payload-types'
import { type OidcIssuer, startOidcIssuer, type TestAccount } from '../helpers/oidcIssuer'
import { startPayload, type TestContext } from '../helpers/payload'
import { Browser, ORIGIN, redirectTarget } from '../helpers/browser'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, postLogin, readMails, TEST_PASSWORD, TEST_TOTP_SECRET } from '../helpers/users'

const CLIENT_ID = 'event-pros-nz'
const CLIENT_SECRET = 'a-client-secret-for-the-local-issuer'
const CALLBACK = `${ORIGIN}/api/users/oauth/google/callback`

let ctx: TestContext
let payload: Payload
let rest: RestClient
let issuer: OidcIssuer

beforeAll(async () => {
  issuer = await startOidcIssuer({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: CALLBACK,
  })
  // Google points at the local issuer; Facebook is left unconfigured, so it is switched off.
  Object.assign(process.env, {
    GOOGLE_CLIENT_ID: CLIENT_ID,
    GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
    GOOGLE_ISSUER: issuer.issuer,
  })
  delete process.env.FACEBOOK_CLIENT_ID
  delete process.env.FACEBOOK_CLIENT_SECRET
  ctx = await startPayload('oauth')
  payload = ctx.payload
  rest = restClient(ctx.config)
})

afterAll(async () => {
  await ctx?.stop()
  await issuer?.stop()
})

let counter = 0

/** A person at the provider; `email` defaults to a fresh address nobody has registered. */
const providerAccount = (claims: Partial<TestAccount> = {}) => {
  counter += 1
  const subject = `google-subject-${counter}-${Date.now().toString(36)}`
  issuer.accounts.set(subject, {
    email: `person${counter}-${Date.now().toString(36)}@gmail.example`,
    email_verified: true,
    given_name: 'Aroha',
    family_name: 'Ngata',
    ...claims,
  })
  return { subject, ...issuer.accounts.get(subject)! }
}

const target = redirectTarget

/** The whole trip: our start route, the provider's login as `subject`, and our callback. */
const signInWithGoogle = async (
  browser: Browser,
  subject: string,
  start = '/api/users/oauth/google',
) => {
  const toProvider = target(await browser.get(start))
  const callback = await issuer.signIn(toProvider.url.href, subject)
  expect(callback.href.startsWith(CALLBACK)).toBe(true)
  const answer = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
  return { callback, answer }
}

// System read: the test looks at the stored row, hidden fields included.
const storedUser = async (where: Record<string, unknown>) =>
  (await payload.db.findOne({ collection: 'users', where: where as never })) as
    (User & { linkedIdentities?: { provider: string; subject: string; key: string }[] }) | null

const hasSession = (browser: Browser) => browser.signedIn

describe('which providers are offered', () => {
  it('answers 404 with a sentence for a provider that is not set up, or not one of ours', async () => {
    for (const provider of ['facebook', 'twitter']) {
      const response = await rest.get(`/api/users/oauth/${provider}`)
      expect(response.status).toBe(404)
      expect(response.body).toEqual({
        success: false,
        error: {
          code: 'PROVIDER_NOT_AVAILABLE',
          message:
            'Signing in with that provider is not available here. Log in with your email and password instead.',
        },
      })
      expect((await rest.get(`/api/users/oauth/${provider}/callback?code=x&state=y`)).status).toBe(
        404,
      )
    }
  })

  it('sends the browser to the provider with state, nonce and an S256 PKCE challenge, kept in an encrypted httpOnly cookie', async () => {
    const response = await rest.get('/api/users/oauth/google')
    const { url } = target(response)
    expect(url.origin).toBe(issuer.issuer)
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID)
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK)
    expect(url.searchParams.get('scope')).toBe('openid email profile')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/)
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/)
    const cookie = response.headers.getSetCookie().join('\n')
    expect(cookie).toMatch(
      /payload-oauth-flow=[^;]+; Path=\/api\/users\/oauth; HttpOnly; SameSite=Lax; Max-Age=600/,
    )
    // Encrypted: neither the state nor the verifier can be read from it.
    expect(cookie).not.toContain(url.searchParams.get('state'))
  })
})

describe('a new person', () => {
  it('picks a role and accepts the terms before the account exists, then is signed in', async () => {
    const person = providerAccount({ given_name: 'Mere', family_name: 'Tūhoe' })
    const browser = new Browser(rest)
    const { answer } = await signInWithGoogle(browser, person.subject)
    expect(target(answer).path).toBe('/signup/provider')
    expect(hasSession(browser)).toBe(false)
    expect(await storedUser({ email: { equals: person.email } })).toBeNull()

    const noRole = await browser.post('/api/users/oauth/signup', {
      acceptTerms: true,
      acceptPrivacy: true,
    })
    expect(noRole.status).toBe(400)
    expect(noRole.body.error.details).toEqual([
      { field: 'role', message: expect.stringContaining('organizer') },
    ])
    const staffRole = await browser.post('/api/users/oauth/signup', {
      role: 'admin',
      acceptTerms: true,
      acceptPrivacy: true,
    })
    expect(staffRole.status).toBe(400)
    const noTerms = await browser.post('/api/users/oauth/signup', { role: 'vendor' })
    expect(noTerms.status).toBe(400)
    expect(noTerms.body.error.details[0].field).toBe('acceptTerms')
    const noPrivacy = await browser.post('/api/users/oauth/signup', {
      role: 'vendor',
      acceptTerms: true,
    })
    expect(noPrivacy.status).toBe(400)
    expect(noPrivacy.body.error.details[0].field).toBe('acceptPrivacy')
    expect(await storedUser({ email: { equals: person.email } })).toBeNull()

    const done = await browser.post('/api/users/oauth/signup', {
      role: 'vendor',
      acceptTerms: true,
      acceptPrivacy: true,
    })
    expect(done.status).toBe(200)
    expect(done.body).toEqual({ success: true, data: { next: '/account/vendor-profile' } })
    expect(hasSession(browser)).toBe(true)
    expect(browser.cookies.has('payload-oauth-pending')).toBe(false)

    const row = await storedUser({ email: { equals: person.email } })
    expect(row).toMatchObject({
      role: 'vendor',
      firstName: 'Mere',
      lastName: 'Tūhoe',
      _verified: true,
      termsVersion: POLICY_VERSIONS.terms,
      privacyVersion: POLICY_VERSIONS.privacy,
      marketingEmails: false,
      hasPassword: false,
    })
    expect(row!.linkedIdentities).toEqual([
      expect.objectContaining({ provider: 'google', subject: person.subject, email: person.email }),
    ])
    const me = await rest.get('/api/users/me', {
      token: browser.cookies.get('payload-token'),
    })
    expect(me.body.user).toMatchObject({ email: person.email, role: 'vendor', hasPassword: false })
    expect(me.body.user.linkedIdentities).toEqual([
      expect.objectContaining({ provider: 'google', linkedAt: expect.any(String) }),
    ])

    // A cookie made up or altered in the browser holds nothing.
    const forged = new Browser(rest)
    forged.cookies.set('payload-oauth-pending', `${browser.cookies.get('payload-token')}x`)
    expect(
      (
        await forged.post('/api/users/oauth/signup', {
          role: 'vendor',
          acceptTerms: true,
          acceptPrivacy: true,
        })
      ).status,
    ).toBe(410)

    // The identity is spent: the same cookie cannot make a second account.
    const again = await browser.post('/api/users/oauth/signup', {
      role: 'vendor',
      acceptTerms: true,
      acceptPrivacy: true,
    })
    expect(again.status).toBe(410)
  })

  it('whose address the provider has not confirmed is refused: no account, no identity, no email', async () => {
    const person = providerAccount({ email_verified: false })
    const browser = new Browser(rest)
    const { answer } = await signInWithGoogle(browser, person.subject)
    const { path, params } = target(answer)
    expect(path).toBe('/signup')
    expect(params.get('oauthError')).toBe('SIGNUP_EMAIL_NOT_VERIFIED')
    expect(oauthErrorMessage(params.get('oauthError'), params.get('provider'))).toBe(
      'Google has not confirmed that your email address is yours, so we cannot create an account from it. Sign up with your email address instead, then link Google on your account page.',
    )
    expect(hasSession(browser)).toBe(false)
    expect(browser.cookies.has('payload-oauth-pending')).toBe(false)
    // Nor can the sign-up step be reached another way.
    const done = await browser.post('/api/users/oauth/signup', {
      role: 'organizer',
      acceptTerms: true,
      acceptPrivacy: true,
    })
    expect(done.status).toBe(410)
    expect(hasSession(browser)).toBe(false)
    expect(await storedUser({ email: { equals: person.email } })).toBeNull()
    expect(
      await storedUser({ 'linkedIdentities.key': { equals: `google:${person.subject}` } }),
    ).toBeNull()
    expect(readMails(ctx.mailDir, person.email)).toEqual([])
  })

  it('cannot finish a sign-up held for an unconfirmed address (a cookie sealed before the fix)', async () => {
    const person = providerAccount({ email_verified: false })
    const sealed = await pendingCookie.write(
      { payload, headers: new Headers() },
      {
        kind: 'signup',
        identity: {
          provider: 'google',
          subject: person.subject,
          email: person.email,
          emailVerified: false,
          firstName: 'Aroha',
          lastName: 'Ngata',
        },
        next: '',
      },
    )
    const browser = new Browser(rest)
    browser.cookies.set('payload-oauth-pending', sealed.split(';')[0]!.split('=')[1]!)
    const done = await browser.post('/api/users/oauth/signup', {
      role: 'organizer',
      acceptTerms: true,
      acceptPrivacy: true,
    })
    expect(done.status).toBe(403)
    expect(done.body.error).toEqual({
      code: 'SIGNUP_EMAIL_NOT_VERIFIED',
      message: expect.stringContaining('Sign up with your email address instead'),
    })
    expect(hasSession(browser)).toBe(false)
    expect(await storedUser({ email: { equals: person.email } })).toBeNull()
    expect(readMails(ctx.mailDir, person.email)).toEqual([])
  })
})

describe('an account already linked', () => {
  it('signs in straight away, to where the person was going', async () => {
    const person = providerAccount()
    const first = new Browser(rest)
    await signInWithGoogle(first, person.subject)
    await first.post('/api/users/oauth/signup', {
      role: 'organizer',
      acceptTerms: true,
      acceptPrivacy: true,
    })

    const browser = new Browser(rest)
    const { answer } = await signInWithGoogle(
      browser,
      person.subject,
      '/api/users/oauth/google?next=/my-jobs',
    )
    expect(target(answer).path).toBe('/my-jobs')
    expect(hasSession(browser)).toBe(true)
    expect(browser.cookies.has('payload-oauth-flow')).toBe(false)
    const me = await rest.get('/api/users/me', { token: browser.cookies.get('payload-token') })
    expect(me.body.user.email).toBe(person.email)
  })

  it('still asks staff with two-step sign-in for their code, and gives no session before it', async () => {
    const admin = await createUser(payload, rest, 'admin')
    const person = providerAccount({ email: admin.email })
    const linking = new Browser(rest)
    await signInWithGoogle(linking, person.subject)
    const linked = await linking.post('/api/users/oauth/link', { password: TEST_PASSWORD })
    expect(linked.status).toBe(200)
    expect(hasSession(linking)).toBe(false)
    const step = new URL(linked.body.data.next, 'http://localhost:3000')
    expect(step.pathname).toBe('/login')

    const browser = new Browser(rest)
    const { answer } = await signInWithGoogle(browser, person.subject)
    const { path, params } = target(answer)
    expect(path).toBe('/login')
    expect(params.get('email')).toBe(admin.email)
    expect(hasSession(browser)).toBe(false)

    // The code step is the log-in's own; this step's code was spent by createUser's login.
    await payload.db.updateOne({
      collection: 'users',
      id: admin.user.id,
      data: { totpLastStep: null },
      returning: false,
    })
    const done = await rest.post('/api/users/login/2fa', {
      body: { challenge: params.get('challenge'), code: totpCode(TEST_TOTP_SECRET) },
    })
    expect(done.status).toBe(200)
    expect(done.body.user.id).toBe(admin.user.id)
  })
})

describe('linking an existing account with the same email', () => {
  it('takes the password (a wrong one links nothing), then links and signs in', async () => {
    const existing = await createUser(payload, rest, 'organizer')
    const person = providerAccount({ email: existing.email })
    const browser = new Browser(rest)
    const { answer } = await signInWithGoogle(browser, person.subject)
    expect(target(answer).path).toBe('/login/link')
    expect(hasSession(browser)).toBe(false)

    const empty = await browser.post('/api/users/oauth/link', {})
    expect(empty.status).toBe(400)
    expect(empty.body.error.details[0].field).toBe('password')
    const wrong = await browser.post('/api/users/oauth/link', { password: 'Not-the-password-1!' })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error).toEqual({
      code: 'PASSWORD_INCORRECT',
      message:
        'That password is not right. Try again, or use "Forgot your password?" to choose a new one.',
    })
    expect(hasSession(browser)).toBe(false)
    expect((await storedUser({ id: { equals: existing.user.id } }))!.linkedIdentities).toEqual([])
    // A wrong password counts towards the lockout like any other.
    expect((await storedUser({ id: { equals: existing.user.id } }))!.loginAttempts).toBe(1)

    const right = await browser.post('/api/users/oauth/link', { password: TEST_PASSWORD })
    expect(right.status).toBe(200)
    expect(right.body.data.next).toBe('/account')
    expect(hasSession(browser)).toBe(true)
    const row = await storedUser({ id: { equals: existing.user.id } })
    expect(row!.linkedIdentities).toEqual([
      expect.objectContaining({ provider: 'google', subject: person.subject }),
    ])
    expect(row!.hasPassword).toBe(true)
    expect(readMails(ctx.mailDir, existing.email).join('\n')).toContain(
      'A new way to sign in was added to your Event Pros NZ account',
    )

    const next = new Browser(rest)
    const { answer: again } = await signInWithGoogle(next, person.subject)
    expect(target(again).path).toBe('/account')
    expect(hasSession(next)).toBe(true)
  })

  it('is refused when the provider has not confirmed the address: nothing linked, a clear sentence', async () => {
    const existing = await createUser(payload, rest, 'organizer')
    const person = providerAccount({ email: existing.email, email_verified: false })
    const browser = new Browser(rest)
    const { answer } = await signInWithGoogle(browser, person.subject)
    const { path, params } = target(answer)
    expect(path).toBe('/login')
    expect(params.get('oauthError')).toBe('EMAIL_NOT_VERIFIED')
    expect(oauthErrorMessage(params.get('oauthError'), params.get('provider'))).toBe(
      'An account with your Google email address already exists, but Google has not confirmed that the address is yours, so we did not link them. Log in with your password, then link Google on your account page.',
    )
    expect(hasSession(browser)).toBe(false)
    expect(browser.cookies.has('payload-oauth-pending')).toBe(false)
    // Nor can the link step be reached another way.
    const link = await browser.post('/api/users/oauth/link', { password: TEST_PASSWORD })
    expect(link.status).toBe(410)
    expect((await storedUser({ id: { equals: existing.user.id } }))!.linkedIdentities).toEqual([])
  })

  it('from the account page, while signed in: the session is the proof, and a taken identity is refused', async () => {
    const owner = await createUser(payload, rest, 'vendor')
    const browser = new Browser(rest)
    browser.cookies.set('payload-token', owner.token)
    const person = providerAccount({ email: 'another-address@gmail.example' })
    const { answer } = await signInWithGoogle(browser, person.subject)
    const { path, params } = target(answer)
    expect(path).toBe('/account')
    expect(params.get('linked')).toBe('google')
    expect((await storedUser({ id: { equals: owner.user.id } }))!.linkedIdentities).toEqual([
      expect.objectContaining({ subject: person.subject }),
    ])

    const other = await createUser(payload, rest, 'organizer')
    const theirs = new Browser(rest)
    theirs.cookies.set('payload-token', other.token)
    const { answer: taken } = await signInWithGoogle(theirs, person.subject)
    expect(target(taken).params.get('oauthError')).toBe('IDENTITY_TAKEN')
    expect((await storedUser({ id: { equals: other.user.id } }))!.linkedIdentities).toEqual([])
  })
  it('from the account page is refused when the person signed out before the provider answered', async () => {
    const owner = await createUser(payload, rest, 'organizer')
    const browser = new Browser(rest)
    browser.cookies.set('payload-token', owner.token)
    const toProvider = target(await browser.get('/api/users/oauth/google'))
    const callback = await issuer.signIn(toProvider.url.href, providerAccount().subject)
    expect((await rest.post('/api/users/logout', { token: owner.token })).status).toBe(200)
    const answer = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
    expect(target(answer).path).toBe('/account')
    expect(target(answer).params.get('oauthError')).toBe('SIGNED_OUT')
    expect((await storedUser({ id: { equals: owner.user.id } }))!.linkedIdentities).toEqual([])
  })
})

describe('refusals on the way back from the provider', () => {
  it('a wrong state: no code is redeemed, no session', async () => {
    const person = providerAccount()
    const browser = new Browser(rest)
    const toProvider = target(await browser.get('/api/users/oauth/google'))
    const callback = await issuer.signIn(toProvider.url.href, person.subject)
    callback.searchParams.set('state', 'a-state-this-browser-never-sent')
    const answer = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
    expect(target(answer).params.get('oauthError')).toBe('STATE_MISMATCH')
    expect(hasSession(browser)).toBe(false)
    expect(await storedUser({ email: { equals: person.email } })).toBeNull()
  })

  it('a state as long as ours but with a multi-byte character is a mismatch, not a 500', async () => {
    const person = providerAccount()
    const browser = new Browser(rest)
    const toProvider = target(await browser.get('/api/users/oauth/google'))
    const callback = await issuer.signIn(toProvider.url.href, person.subject)
    const sent = toProvider.url.searchParams.get('state')!
    // Same number of characters, one more byte: `é` is two bytes in UTF-8.
    const forged = `${'a'.repeat(sent.length - 1)}é`
    expect(forged.length).toBe(sent.length)
    expect(Buffer.byteLength(forged)).toBe(Buffer.byteLength(sent) + 1)
    callback.searchParams.set('state', forged)
    const answer = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
    expect(answer.status).toBe(303)
    expect(target(answer).path).toBe('/login')
    expect(target(answer).params.get('oauthError')).toBe('STATE_MISMATCH')
    expect(hasSession(browser)).toBe(false)
    expect(browser.cookies.has('payload-oauth-pending')).toBe(false)
  })

  it("another browser's answer (no flow cookie here) is refused", async () => {
    const person = providerAccount()
    const victim = new Browser(rest)
    const toProvider = target(await new Browser(rest).get('/api/users/oauth/google'))
    const callback = await issuer.signIn(toProvider.url.href, person.subject)
    const answer = await victim.get(`${callback.pathname}${callback.search}`, 'cross-site')
    expect(target(answer).params.get('oauthError')).toBe('FLOW_EXPIRED')
    expect(victim.cookies.size).toBe(0)
  })

  it('a replayed code: the provider refuses its second use, and so do we', async () => {
    const person = providerAccount()
    const first = new Browser(rest)
    await signInWithGoogle(first, person.subject)
    await first.post('/api/users/oauth/signup', {
      role: 'organizer',
      acceptTerms: true,
      acceptPrivacy: true,
    })

    const browser = new Browser(rest)
    const toProvider = target(await browser.get('/api/users/oauth/google'))
    const flowCookie = browser.headers
    const callback = await issuer.signIn(toProvider.url.href, person.subject)
    const used = await browser.get(`${callback.pathname}${callback.search}`, 'cross-site')
    expect(target(used).path).toBe('/account')

    // The same answer and the same flow cookie again, as an attacker who copied both would.
    const replay = await rest.get(`${callback.pathname}${callback.search}`, { headers: flowCookie })
    expect(target(replay).params.get('oauthError')).toBe('CODE_REJECTED')
    expect(replay.headers.getSetCookie().join('\n')).not.toContain('payload-token=ey')
  })

  it('a person who cancels at the provider is told so', async () => {
    const browser = new Browser(rest)
    const { answer } = await signInWithGoogle(browser, 'cancel')
    expect(target(answer).params.get('oauthError')).toBe('CANCELLED')
    expect(hasSession(browser)).toBe(false)
  })
})

describe('linked accounts on the account page', () => {
  const newGoogleAccount = async () => {
    const person = providerAccount()
    const browser = new Browser(rest)
    await signInWithGoogle(browser, person.subject)
    await browser.post('/api/users/oauth/signup', {
      role: 'organizer',
      acceptTerms: true,
      acceptPrivacy: true,
    })
    const row = (await storedUser({ email: { equals: person.email } }))!
    return { person, browser, row }
  }

  it('keeps the last way to sign in until the person sets a password, then lets it go', async () => {
    const { browser, row } = await newGoogleAccount()
    const refused = await browser.delete('/api/users/oauth/google')
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('LAST_SIGN_IN_METHOD')
    expect(refused.body.error.message).toContain('Forgot your password?')
    expect((await storedUser({ id: { equals: row.id } }))!.linkedIdentities).toHaveLength(1)

    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: row.email },
      disableEmail: true,
    })
    const reset = await rest.post('/api/users/reset-password', {
      body: { token, password: 'A-new-password-2026!' },
    })
    expect(reset.status).toBe(200)
    expect((await storedUser({ id: { equals: row.id } }))!.hasPassword).toBe(true)

    const login = await postLogin(rest, { email: row.email, password: 'A-new-password-2026!' })
    expect(login.status).toBe(200)
    const session = new Browser(rest)
    session.cookies.set('payload-token', login.body.token)
    const removed = await session.delete('/api/users/oauth/google')
    expect(removed.status).toBe(200)
    expect(removed.body).toEqual({ success: true, data: { linkedIdentities: [] } })
    expect((await storedUser({ id: { equals: row.id } }))!.linkedIdentities).toEqual([])
    expect((await session.delete('/api/users/oauth/google')).status).toBe(404)
    expect((await new Browser(rest).delete('/api/users/oauth/google')).status).toBe(401)
  })

  it('are the holder\u2019s alone: hidden from staff, not filterable, not writable through the API', async () => {
    const { browser, row, person } = await newGoogleAccount()
    const token = browser.cookies.get('payload-token')!
    const admin = await createUser(payload, rest, 'admin')
    const asAdmin = await rest.get(`/api/users/${row.id}`, { token: admin.token })
    expect(asAdmin.status).toBe(200)
    expect(asAdmin.body.linkedIdentities ?? []).toEqual([])
    expect(asAdmin.body.email).toBe(person.email)

    const other = await createUser(payload, rest, 'organizer')
    for (const auth of [other.token, admin.token]) {
      const probe = await rest.get(
        `/api/users?where[linkedIdentities.subject][equals]=${encodeURIComponent(person.subject)}`,
        { token: auth },
      )
      expect(probe.status).toBeGreaterThanOrEqual(400)
      expect(probe.status).toBeLessThan(500)
    }

    const forged = await rest.patch(`/api/users/${row.id}`, {
      token,
      body: {
        hasPassword: true,
        linkedIdentities: [
          {
            provider: 'google',
            subject: 'someone-else',
            key: 'google:someone-else',
            linkedAt: new Date().toISOString(),
          },
        ],
      },
    })
    expect(forged.status).toBeLessThan(500)
    const stored = (await storedUser({ id: { equals: row.id } }))!
    expect(stored.hasPassword).toBe(false)
    expect(stored.linkedIdentities).toEqual([expect.objectContaining({ subject: person.subject })])
  })
})
