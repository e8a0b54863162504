import crypto from 'node:crypto'

import * as client from 'openid-client'
import {
  APIError,
  headersWithCors,
  LockedAuth,
  type PayloadRequest,
  UnverifiedEmail,
} from 'payload'
import { generatePayloadCookie } from 'payload/shared'

import { slugs } from '@/collections/slugs'
import { jsonBody, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { inTransaction } from '@/lib/kit/transaction'
import { serverUrl } from '@/lib/kit/url'
import { safeNextPath } from '@/lib/safeRedirect'

import { issueChallenge } from '../challenge'
import { destinationFor } from '../destination'
import { issueSession } from '../issueSession'
import { isTwoFactorEnabled, passwordMatches } from '../twoFactor'
import {
  type AccountRow,
  accountByEmail,
  accountById,
  accountByIdentity,
  linkIdentity,
  newLinkedIdentity,
  publicIdentities,
  unlinkIdentity,
  writeIdentities,
} from './identities'
import { OAUTH_ERRORS, type OAuthErrorCode, providerLabel } from './messages'
import {
  enabledProvider,
  type FlowChecks,
  type OAuthProvider,
  PROVIDER_IDS,
  type ProviderId,
  type ProviderIdentity,
} from './providers'
import { sealedCookie } from './sealedCookie'

type Flow = FlowChecks & {
  provider: ProviderId
  next: string
  /**
   * Set when a signed-in person links a provider from their account page: the provider's
   * redirect back is a cross-site request, which carries no session Payload accepts, so the
   * flow remembers whose session started it, and that session must still be live.
   */
  linking: { userId: number; sessionId: string } | null
}

/** The identity the provider vouched for, waiting for the person to choose a role or confirm. */
export type PendingIdentity = {
  kind: 'signup' | 'link'
  identity: ProviderIdentity
  /** `link`: the existing account with the same verified email. */
  userId?: number
  next: string
}

/** Ten minutes to choose an account at the provider and come back, no more. */
const flowCookie = sealedCookie<Flow>({
  name: 'oauth-flow',
  path: '/api/users/oauth',
  maxAgeSeconds: 10 * 60,
})

/** Half an hour to pick a role and accept the terms, or to type the password. */
export const pendingCookie = sealedCookie<PendingIdentity>({
  name: 'oauth-pending',
  path: '/',
  maxAgeSeconds: 30 * 60,
})

export const callbackUrl = (provider: ProviderId) =>
  serverUrl(`/api/users/oauth/${provider}/callback`)

const providerOf = (req: PayloadRequest): OAuthProvider => {
  const provider = enabledProvider(req.routeParams?.provider)
  if (!provider) {
    throw new RequestError(
      404,
      'PROVIDER_NOT_AVAILABLE',
      'Signing in with that provider is not available here. Log in with your email and password instead.',
    )
  }
  return provider
}

/** A 303 to a page of ours (a path) or to the provider (a URL), setting `cookies`. */
const redirect = (location: string, cookies: string[] = []) => {
  const absolute = location.startsWith('/') ? serverUrl(location) : location
  const headers = new Headers({ Location: absolute, 'Cache-Control': 'no-store' })
  for (const cookie of cookies) headers.append('Set-Cookie', cookie)
  return new Response(null, { status: 303, headers })
}

const sessionCookie = (req: PayloadRequest, token: string) =>
  generatePayloadCookie({
    collectionAuthConfig: req.payload.collections.users.config.auth,
    cookiePrefix: req.payload.config.cookiePrefix,
    token,
  })

const linkingSession = (req: PayloadRequest): Flow['linking'] => {
  const user = req.user as (PayloadRequest['user'] & { _sid?: string }) | null
  return typeof user?.id === 'number' && user._sid
    ? { userId: user.id, sessionId: user._sid }
    : null
}

/**
 * `GET /api/users/oauth/:provider`: off to the provider with a fresh `state`, PKCE verifier and
 * nonce, kept in an encrypted cookie for the answer. A signed-in person is linking a provider.
 */
export const startProviderSignIn = async (req: PayloadRequest): Promise<Response> => {
  const provider = providerOf(req)
  const checks: FlowChecks = {
    state: client.randomState(),
    codeVerifier: client.randomPKCECodeVerifier(),
    nonce: client.randomNonce(),
  }
  let url: URL
  try {
    url = await provider.authorizationUrl(callbackUrl(provider.id), checks)
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `${provider.label} sign-in is unreachable` })
    throw new RequestError(
      503,
      'PROVIDER_UNAVAILABLE',
      `We cannot reach ${provider.label} just now. Please try again in a minute, or log in with your email and password.`,
    )
  }
  const flow: Flow = {
    ...checks,
    provider: provider.id,
    next: safeNextPath(req.searchParams.get('next'), ''),
    linking: linkingSession(req),
  }
  return redirect(url.href, [await flowCookie.write(req, flow)])
}

/** Which refusal a failed code exchange is, from openid-client's errors. */
const exchangeFailure = (req: PayloadRequest, provider: OAuthProvider, error: unknown) => {
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied' ? 'CANCELLED' : 'PROVIDER_FAILED'
  }
  if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
    return 'CODE_REJECTED'
  }
  // Facebook answers a used or expired code with a 400 in its own error format, not RFC 6749's.
  if (
    error instanceof client.ClientError &&
    error.cause instanceof Response &&
    error.cause.status === 400
  ) {
    return 'CODE_REJECTED'
  }
  req.payload.logger.warn({ err: error, msg: `${provider.label} sign-in failed` })
  return 'PROVIDER_FAILED'
}

/** What issuing a session refused, as the code the log-in page explains. */
const signInRefusal = (error: unknown): OAuthErrorCode | null => {
  if (error instanceof LockedAuth) return 'LOCKED'
  if (error instanceof UnverifiedEmail) return 'UNVERIFIED'
  if (error instanceof APIError && error.status < 500) return 'REFUSED'
  return null
}

type SignInResult = { location: string; cookies: string[] }

/** The pages a refused callback goes back to; each shows the `oauthError` sentence. */
type RefusalPage = '/login' | '/account' | '/signup'

/**
 * Whether the `state` that came back is the one this browser sent, in constant time. Both are
 * hashed first so `timingSafeEqual` always gets equal lengths: a state of the right number of
 * characters but not of bytes (`é` is two) is a mismatch like any other, not a RangeError.
 */
const sameState = (given: string, expected: string) => {
  const digest = (value: string) => crypto.createHash('sha256').update(value, 'utf8').digest()
  return crypto.timingSafeEqual(digest(given), digest(expected))
}

/**
 * The end of every successful route in: a session, or for an account with two-factor sign-in
 * the code step of the log-in page (the provider stands in for the password, not the code).
 */
const signIn = async (
  req: PayloadRequest,
  row: AccountRow,
  next: string,
): Promise<SignInResult> => {
  if (isTwoFactorEnabled(row)) {
    const challenge = issueChallenge(req.payload, row.id)
    const query = new URLSearchParams({ challenge, email: row.email, ...(next ? { next } : {}) })
    return { location: `/login?${query}`, cookies: [] }
  }
  const session = await issueSession(req, row.id)
  return {
    location: destinationFor(session.user, next),
    cookies: [sessionCookie(req, session.token)],
  }
}

/**
 * `GET /api/users/oauth/:provider/callback`: checks the answer against this browser's flow,
 * redeems the code (openid-client checks PKCE, the nonce and the ID token), then signs in a
 * linked account, links one for a signed-in person, or holds the identity while a new person
 * picks a role or an existing one confirms their password. Refusals go back to a page with
 * the reason, never a session.
 */
export const finishProviderSignIn = async (req: PayloadRequest): Promise<Response> => {
  const provider = providerOf(req)
  const flow = await flowCookie.read(req)
  const cookies = [flowCookie.clear(req)]
  const refuse = (
    code: OAuthErrorCode,
    page: RefusalPage = flow?.linking ? '/account' : '/login',
  ) =>
    redirect(`${page}?${new URLSearchParams({ oauthError: code, provider: provider.id })}`, cookies)
  if (!flow || flow.provider !== provider.id) return refuse('FLOW_EXPIRED', '/login')
  if (!sameState(req.searchParams.get('state') ?? '', flow.state)) return refuse('STATE_MISMATCH')

  const answer = new URL(callbackUrl(provider.id))
  answer.search = req.searchParams.toString()
  let identity: ProviderIdentity
  try {
    identity = await provider.identify(answer, flow)
  } catch (error) {
    return refuse(exchangeFailure(req, provider, error))
  }
  if (!identity.subject) return refuse('PROVIDER_FAILED')

  if (flow.linking) return linkSignedIn(req, flow.linking, identity, refuse, cookies)

  const linked = await accountByIdentity(req, identity)
  if (linked) {
    try {
      const result = await signIn(req, linked, flow.next)
      return redirect(result.location, [...cookies, ...result.cookies])
    } catch (error) {
      const code = signInRefusal(error)
      if (code) return refuse(code)
      throw error
    }
  }
  if (!identity.email) return refuse('EMAIL_MISSING')
  const sameEmail = await accountByEmail(req, identity.email)
  // An address the provider does not vouch for may be someone else's: linking it to their
  // account, or making an account of it that its owner later claims, would let this provider
  // account sign in as them. They sign up with the address itself, then link the provider.
  if (!identity.emailVerified) {
    return sameEmail ? refuse('EMAIL_NOT_VERIFIED') : refuse('SIGNUP_EMAIL_NOT_VERIFIED', '/signup')
  }
  const pending: PendingIdentity = sameEmail
    ? { kind: 'link', identity, userId: sameEmail.id, next: flow.next }
    : { kind: 'signup', identity, next: flow.next }
  cookies.push(await pendingCookie.write(req, pending))
  return redirect(sameEmail ? '/login/link' : '/signup/provider', cookies)
}

/** A signed-in person adding a provider from their account page: the session is the proof. */
const linkSignedIn = async (
  req: PayloadRequest,
  { userId, sessionId }: NonNullable<Flow['linking']>,
  identity: ProviderIdentity,
  refuse: (code: OAuthErrorCode) => Response,
  cookies: string[],
) => {
  const row = await accountById(req, userId)
  const live = row?.sessions?.some(
    (session) => session.id === sessionId && new Date(session.expiresAt).getTime() > Date.now(),
  )
  if (!row || !live) return refuse('SIGNED_OUT')
  try {
    await inTransaction(req, () => linkIdentity(req, row, identity))
  } catch (error) {
    if (
      error instanceof RequestError &&
      (error.code === 'IDENTITY_TAKEN' || error.code === 'ALREADY_LINKED')
    ) {
      return refuse(error.code)
    }
    throw error
  }
  return redirect(`/account?${new URLSearchParams({ linked: identity.provider })}`, cookies)
}

const expired = () =>
  new RequestError(
    410,
    'SIGN_IN_EXPIRED',
    'This sign-in has expired. Start again with the Google or Facebook button on the log-in page.',
  )

/** The answer to the two confirmations below: where the browser goes next, cookies set. */
const signedInResponse = (
  req: PayloadRequest,
  body: Record<string, unknown>,
  cookies: string[],
) => {
  const headers = new Headers()
  for (const cookie of cookies) headers.append('Set-Cookie', cookie)
  return Response.json(
    { success: true, data: body },
    { headers: headersWithCors({ headers, req }) },
  )
}

const ROLES_TO_CHOOSE = ['organizer', 'vendor'] as const

/** A password nobody knows, for an account that signs in through a provider until one is set. */
const unguessablePassword = () => `${crypto.randomBytes(32).toString('base64url')}aA1!`

/**
 * `POST /api/users/oauth/signup` `{ role, firstName?, lastName?, acceptTerms, marketingEmails? }`:
 * a new person's account from the identity the provider vouched for. The role is theirs to
 * choose (organizer or vendor, as on the sign-up form) and the terms must be accepted. Only an
 * address the provider confirmed gets this far, and it counts as confirmed.
 */
export const completeProviderSignup = async (req: PayloadRequest): Promise<Response> => {
  const pending = await pendingCookie.read(req)
  if (pending?.kind !== 'signup' || !pending.identity.email) throw expired()
  const { identity } = pending
  // The callback holds no unconfirmed address for sign-up; this refuses one it ever did.
  if (!identity.emailVerified) {
    throw new RequestError(
      403,
      'SIGNUP_EMAIL_NOT_VERIFIED',
      OAUTH_ERRORS.SIGNUP_EMAIL_NOT_VERIFIED(providerLabel(identity.provider)),
    )
  }
  const body = await jsonBody(req)
  const role = ROLES_TO_CHOOSE.find((choice) => choice === body.role)
  if (!role) {
    throw invalidInput(
      'role',
      'Choose whether you are planning an event (organizer) or run an event business (vendor).',
    )
  }
  if (body.acceptTerms !== true) {
    throw invalidInput('acceptTerms', 'Please accept the terms of use to create your account.')
  }
  if (body.acceptPrivacy !== true) {
    throw invalidInput('acceptPrivacy', 'Please accept the privacy policy to create your account.')
  }
  const name = (value: unknown, fallback: string) =>
    typeof value === 'string' && value.trim() ? value.trim() : fallback
  if ((await accountByIdentity(req, identity)) || (await accountByEmail(req, identity.email!))) {
    throw new RequestError(
      409,
      'ACCOUNT_EXISTS',
      'An account with this email address already exists. Log in instead.',
    )
  }
  const created = await inTransaction(req, async () => {
    const user = await req.payload.create({
      collection: slugs.users,
      data: {
        email: identity.email!,
        password: unguessablePassword(),
        firstName: name(body.firstName, identity.firstName),
        lastName: name(body.lastName, identity.lastName),
        role,
        // Recorded by the consent hooks as the versions in force, accepted now.
        acceptTerms: true,
        acceptPrivacy: true,
        marketingEmails: body.marketingEmails === true,
      },
      disableVerificationEmail: true,
      overrideAccess: false,
      req,
      context: { providerSignup: true },
    })
    // The provider's confirmation of the address stands in for the email link.
    await writeIdentities(req, user.id, {
      linkedIdentities: [newLinkedIdentity(identity)],
      _verified: true,
    })
    return user
  })
  const cookies = [pendingCookie.clear(req)]
  const row = (await accountById(req, created.id))!
  const result = await signIn(req, row, pending.next)
  return signedInResponse(req, { next: result.location }, [...cookies, ...result.cookies])
}

/**
 * `POST /api/users/oauth/link` `{ password }`: the person behind an existing account with the
 * provider's verified email proves it is theirs with its password (through Payload's login
 * operation, so wrong passwords count towards the lockout), and the provider is linked.
 */
export const confirmProviderLink = async (req: PayloadRequest): Promise<Response> => {
  const pending = await pendingCookie.read(req)
  if (pending?.kind !== 'link' || !pending.userId) throw expired()
  const body = await jsonBody(req)
  if (typeof body.password !== 'string' || body.password === '') {
    throw invalidInput('password', 'Enter the password of your Event Pros NZ account.')
  }
  const row = await accountById(req, pending.userId)
  if (!row) throw expired()
  if (!(await passwordMatches(req, row.email, body.password))) {
    throw new RequestError(
      401,
      'PASSWORD_INCORRECT',
      'That password is not right. Try again, or use "Forgot your password?" to choose a new one.',
    )
  }
  await inTransaction(req, () => linkIdentity(req, row, pending.identity))
  const result = await signIn(req, row, pending.next)
  return signedInResponse(req, { next: result.location }, [
    pendingCookie.clear(req),
    ...result.cookies,
  ])
}

/** `DELETE /api/users/oauth/:provider`: the signed-in person unlinks that provider. */
export const unlinkProvider = async (req: PayloadRequest): Promise<Response> => {
  const user = signedIn(req, 'Log in to manage the accounts you sign in with.')
  const provider = PROVIDER_IDS.find((id) => id === req.routeParams?.provider)
  if (!provider) throw new RequestError(404, 'NOT_FOUND', 'There is no such sign-in provider.')
  const row = await accountById(req, user.id)
  if (!row) throw new RequestError(401, 'UNAUTHORIZED', 'Log in again.')
  const remaining = await inTransaction(req, () => unlinkIdentity(req, row, provider))
  return apiJson(req, { success: true, data: { linkedIdentities: publicIdentities(remaining) } })
}
