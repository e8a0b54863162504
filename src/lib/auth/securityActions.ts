'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { APIError, createLocalReq, logoutOperation, type PayloadRequest } from 'payload'
import { generateExpiredPayloadCookie } from 'payload/shared'

import { getPayloadClient } from '@/lib/payload'
import type { User } from '@/payload-types'

import { endSession } from './sessions'
import {
  confirmEnrolment,
  disableTwoFactor,
  replaceRecoveryCodes,
  startEnrolment,
} from './twoFactor'

/*
 * The security page's forms: two-factor sign-in and sessions, always for the person signed in
 * on this request (their cookie), never for an id the form names.
 */

export type EnrolState = {
  error: string | null
  secret: string | null
  qrCode: string | null
  recoveryCodes: string[] | null
}
export type DisableState = { error: string | null }

const text = (form: FormData, name: string): string => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

const signedInRequest = async (): Promise<{ req: PayloadRequest; user: User }> => {
  const payload = await getPayloadClient()
  const requestHeaders = new Headers(await headers())
  const { user } = await payload.auth({ headers: requestHeaders })
  if (!user) redirect('/login?next=/account/security')
  const req = await createLocalReq({ user, req: { headers: requestHeaders } }, payload)
  return { req, user: user as User }
}

const refusal = (error: unknown): string => {
  if (error instanceof APIError && error.isPublic) return error.message
  throw error
}

export async function beginTwoFactor(previous: EnrolState): Promise<EnrolState> {
  const { req, user } = await signedInRequest()
  try {
    const { secret, qrCode } = await startEnrolment(req, user)
    return { error: null, secret, qrCode, recoveryCodes: null }
  } catch (error) {
    return { ...previous, error: refusal(error) }
  }
}

export async function finishTwoFactor(previous: EnrolState, form: FormData): Promise<EnrolState> {
  const { req, user } = await signedInRequest()
  try {
    const recoveryCodes = await confirmEnrolment(req, user, text(form, 'code'))
    return { error: null, secret: null, qrCode: null, recoveryCodes }
  } catch (error) {
    return { ...previous, error: refusal(error) }
  }
}

export async function newRecoveryCodes(previous: EnrolState): Promise<EnrolState> {
  const { req, user } = await signedInRequest()
  try {
    return { ...previous, error: null, recoveryCodes: await replaceRecoveryCodes(req, user) }
  } catch (error) {
    return { ...previous, error: refusal(error) }
  }
}

export async function turnOffTwoFactor(
  _previous: DisableState,
  form: FormData,
): Promise<DisableState> {
  const { req, user } = await signedInRequest()
  try {
    await disableTwoFactor(req, user, {
      password: text(form, 'password'),
      code: text(form, 'code'),
    })
  } catch (error) {
    return { error: refusal(error) }
  }
  redirect('/account/security?notice=2fa-off')
}

export async function signOutSession(form: FormData): Promise<void> {
  const { req, user } = await signedInRequest()
  await endSession(req, user.id, text(form, 'session'))
  redirect('/account/security?notice=signed-out')
}

/** Every session, this one too, as `POST /api/users/logout?allSessions=true`. */
export async function signOutEverywhere(): Promise<void> {
  const { req } = await signedInRequest()
  await logoutOperation({ allSessions: true, collection: req.payload.collections.users, req })
  const payload = req.payload
  const {
    expires,
    sameSite,
    value = '',
    ...attributes
  } = generateExpiredPayloadCookie({
    collectionAuthConfig: payload.collections.users.config.auth,
    cookiePrefix: payload.config.cookiePrefix,
    returnCookieAsObject: true,
  })
  ;(await cookies()).set({
    ...attributes,
    value,
    expires: expires ? new Date(expires) : undefined,
    sameSite: sameSite ? (sameSite.toLowerCase() as Lowercase<typeof sameSite>) : undefined,
  })
  redirect('/login?notice=signed-out')
}
