'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import {
  APIError,
  createLocalReq,
  formatErrors,
  logError,
  logoutOperation,
  type Payload,
} from 'payload'
import { generateExpiredPayloadCookie, generatePayloadCookie } from 'payload/shared'

import { slugs } from '@/collections/slugs'
import { errorMessage } from '@/lib/kit/apiClient'
import { getPayloadClient } from '@/lib/payload'
import type { User } from '@/payload-types'

import { destinationFor } from './destination'
import { SecondFactorRequired } from './errors'
import { describePasswordProblems, passwordProblems } from './passwordPolicy'
import { signInWithCode } from './secondStep'

/*
 * The log-in, sign-up and password forms post here, so they work before and without
 * JavaScript and no password ever rides in a URL. Each action is the REST route it replaces,
 * through the same Local API operation and the same access rules; what it returns is what the
 * form shows next, and it never holds a password.
 */

/** `challenge` set: the password was right and the form now asks for the second step. */
export type LoginState = { error: string | null; email: string; challenge?: string | null }
export type SignupValues = {
  firstName: string
  lastName: string
  email: string
  role: string
  acceptTerms: boolean
  acceptPrivacy: boolean
  marketingEmails: boolean
}
export type SignupState = {
  error: string | null
  values: SignupValues | null
  sentTo: string | null
}
export type ForgotPasswordState = { error: string | null; email: string; sent: boolean }
export type ResetPasswordState = { error: string | null }

/** A posted value as text; anything else counts as empty, as Payload's REST handlers treat it. */
const text = (form: FormData, name: string): string => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/**
 * The request the form arrived on, handed to the Local API so its hooks see what the REST
 * route would (the client address the rate limits count, the user agent a session records).
 */
const formRequest = async () => ({ headers: new Headers(await headers()) })

/** The sentence the REST API would have answered with: public errors as they are, others hidden. */
const messageFor = (payload: Payload, error: unknown): string => {
  logError({ err: error, payload })
  if (error instanceof APIError && error.isPublic) {
    return errorMessage(formatErrors(error), error.status)
  }
  return errorMessage(null, 500)
}

const cookieSettings = (payload: Payload) => ({
  collectionAuthConfig: payload.collections.users.config.auth,
  cookiePrefix: payload.config.cookiePrefix,
  returnCookieAsObject: true as const,
})

type PayloadCookie = ReturnType<
  typeof generateExpiredPayloadCookie<ReturnType<typeof cookieSettings>>
>

/** Writes the cookie Payload's REST login and logout would send, attribute for attribute. */
const writeCookie = async ({ expires, sameSite, value = '', ...attributes }: PayloadCookie) => {
  ;(await cookies()).set({
    ...attributes,
    value,
    expires: expires ? new Date(expires) : undefined,
    sameSite: sameSite ? (sameSite.toLowerCase() as Lowercase<typeof sameSite>) : undefined,
  })
}

/**
 * Two steps for an account with two-factor sign-in: the password (which answers with a
 * challenge, and no session), then the code with that challenge, as `POST /api/users/login`
 * and `POST /api/users/login/2fa` do.
 */
export async function logIn(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = text(form, 'email')
  const challenge = text(form, 'challenge')
  const payload = await getPayloadClient()
  let destination: string
  try {
    const { token, user } = challenge
      ? await completeWithCode(payload, challenge, text(form, 'code'))
      : await payload.login({
          collection: slugs.users,
          data: { email, password: text(form, 'password') },
          overrideAccess: false,
          req: await formRequest(),
        })
    await writeCookie(generatePayloadCookie({ ...cookieSettings(payload), token: token ?? '' }))
    destination = destinationFor(user, text(form, 'next'))
  } catch (error) {
    if (error instanceof SecondFactorRequired) {
      // A first visit to this step is no mistake; a wrong code is.
      return { error: challenge ? error.message : null, email, challenge: error.data.challenge }
    }
    return { error: messageFor(payload, error), email, challenge: null }
  }
  redirect(destination)
}

const completeWithCode = async (payload: Payload, challenge: string, code: string) => {
  const req = await createLocalReq({ req: await formRequest() }, payload)
  const session = await signInWithCode(req, challenge, code)
  if (!session) {
    throw new APIError(
      'This sign-in step has expired. Enter your email and password again.',
      401,
      undefined,
      true,
    )
  }
  return session
}

/**
 * Anonymous sign-up, as `POST /api/users`: the collection's hooks refuse staff roles and weak
 * passwords, and Payload sends the email that confirms the address.
 */
export async function signUp(_previous: SignupState, form: FormData): Promise<SignupState> {
  const values: SignupValues = {
    firstName: text(form, 'firstName'),
    lastName: text(form, 'lastName'),
    email: text(form, 'email'),
    role: text(form, 'role'),
    // Ticked boxes post "on"; unticked ones post nothing, which the collection refuses as a
    // missing acceptance (and keeps marketing off).
    acceptTerms: form.get('acceptTerms') === 'on',
    acceptPrivacy: form.get('acceptPrivacy') === 'on',
    marketingEmails: form.get('marketingEmails') === 'on',
  }
  const payload = await getPayloadClient()
  try {
    await payload.create({
      collection: slugs.users,
      data: {
        ...values,
        // Whatever was posted goes to restrictRoleAssignment, which judges it as over REST.
        role: (values.role || undefined) as User['role'],
        password: text(form, 'password'),
      },
      overrideAccess: false,
      req: await formRequest(),
    })
  } catch (error) {
    return { error: messageFor(payload, error), values, sentTo: null }
  }
  return { error: null, values, sentTo: values.email }
}

/** Answers alike whether or not the account exists: Payload sends mail only when it does. */
export async function requestPasswordReset(
  _previous: ForgotPasswordState,
  form: FormData,
): Promise<ForgotPasswordState> {
  const email = text(form, 'email')
  const payload = await getPayloadClient()
  try {
    await payload.forgotPassword({
      collection: slugs.users,
      data: { email },
      overrideAccess: false,
      req: await formRequest(),
    })
  } catch (error) {
    return { error: messageFor(payload, error), email, sent: false }
  }
  return { error: null, email, sent: true }
}

export async function resetPassword(
  _previous: ResetPasswordState,
  form: FormData,
): Promise<ResetPasswordState> {
  const password = text(form, 'password')
  if (password !== text(form, 'confirm')) return { error: 'The two passwords do not match.' }
  // Payload's reset checks only the length; like our REST route, apply the whole policy first.
  const problems = passwordProblems(password)
  if (problems.length > 0) return { error: describePasswordProblems(problems) }

  const payload = await getPayloadClient()
  let token: string | undefined
  try {
    ;({ token } = await payload.resetPassword({
      collection: slugs.users,
      data: { token: text(form, 'token'), password },
      overrideAccess: false,
      req: await formRequest(),
    }))
  } catch (error) {
    return { error: messageFor(payload, error) }
  }
  await endResetSession(payload, token)
  redirect('/login?notice=reset')
}

/**
 * Payload's reset signs the person in with a new session; they are to log in afresh with the
 * new password, so end that session as `POST /api/users/logout` would, and drop any cookie.
 */
const endResetSession = async (payload: Payload, token: string | undefined) => {
  const { user } = await payload.auth({ headers: new Headers({ Authorization: `JWT ${token}` }) })
  if (user) {
    const req = await createLocalReq({ user }, payload)
    await logoutOperation({ collection: payload.collections.users, req })
  }
  await writeCookie(generateExpiredPayloadCookie(cookieSettings(payload)))
}
