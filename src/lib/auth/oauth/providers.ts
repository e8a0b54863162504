import crypto from 'node:crypto'

import * as client from 'openid-client'

import { getEnv } from '@/lib/kit/env'

export const PROVIDER_IDS = ['google', 'facebook'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

/** Who the provider says the person is, after the code exchange and every check passed. */
export type ProviderIdentity = {
  provider: ProviderId
  subject: string
  email: string | null
  /** Whether the provider vouches that the address is the person's (see each provider). */
  emailVerified: boolean
  firstName: string
  lastName: string
}

/** What one sign-in keeps between the redirect to the provider and its answer. */
export type FlowChecks = { state: string; codeVerifier: string; nonce: string }

export type OAuthProvider = {
  id: ProviderId
  label: string
  authorizationUrl: (redirectUri: string, checks: FlowChecks) => Promise<URL>
  /** Redeems the code in `callbackUrl`; throws openid-client's errors when any check fails. */
  identify: (callbackUrl: URL, checks: FlowChecks) => Promise<ProviderIdentity>
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** Plain http is for a provider on this machine (the tests' OpenID Connect server) only. */
const insecureWhenLocal = (url: URL) =>
  url.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined

/** The provider's configuration, fetched once and fetched again after a failure. */
const once = <T>(load: () => Promise<T>) => {
  let pending: Promise<T> | undefined
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined
      throw error
    })
    return pending
  }
}

const pkce = async (checks: FlowChecks) => ({
  code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
  code_challenge_method: 'S256',
})

/**
 * Google is an OpenID Connect provider: its endpoints and keys come from discovery, the ID
 * token is verified (signature, issuer, audience, nonce) by openid-client, and `email_verified`
 * says whether Google vouches for the address.
 */
const google = (clientId: string, clientSecret: string, issuer: string): OAuthProvider => {
  const issuerUrl = new URL(issuer)
  const configuration = once(() =>
    client.discovery(issuerUrl, clientId, clientSecret, undefined, insecureWhenLocal(issuerUrl)),
  )
  return {
    id: 'google',
    label: 'Google',
    authorizationUrl: async (redirectUri, checks) =>
      client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state: checks.state,
        nonce: checks.nonce,
        ...(await pkce(checks)),
      }),
    identify: async (callbackUrl, checks) => {
      const config = await configuration()
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      })
      let claims: Record<string, unknown> = tokens.claims() ?? {}
      // Google puts the profile in the ID token; a provider that keeps it for UserInfo is asked.
      if (!text(claims.email)) {
        claims = await client.fetchUserInfo(config, tokens.access_token, text(claims.sub))
      }
      return {
        provider: 'google',
        subject: text(claims.sub),
        email: text(claims.email).toLowerCase() || null,
        emailVerified: claims.email_verified === true,
        firstName: text(claims.given_name),
        lastName: text(claims.family_name),
      }
    },
  }
}

/**
 * Facebook through OAuth 2.0 (authorization code with PKCE and `state`) and the Graph API for
 * the profile: its OpenID Connect code flow is still marked "in testing". The Graph API says
 * nothing about whether the address was confirmed, so a Facebook email never counts as
 * verified: it never links an existing account and never makes a new one. The person signs
 * up or logs in with their email address and password, then links Facebook from their account
 * page, where their session is the proof.
 */
const facebook = (
  clientId: string,
  clientSecret: string,
  dialogUrl: string,
  graphUrl: string,
): OAuthProvider => {
  const graph = graphUrl.replace(/\/$/, '')
  const tokenEndpoint = new URL(`${graph}/oauth/access_token`)
  const config = new client.Configuration(
    {
      issuer: new URL(dialogUrl).origin,
      authorization_endpoint: dialogUrl,
      token_endpoint: tokenEndpoint.href,
    },
    clientId,
    clientSecret,
  )
  if (tokenEndpoint.protocol === 'http:') client.allowInsecureRequests(config)
  return {
    id: 'facebook',
    label: 'Facebook',
    authorizationUrl: async (redirectUri, checks) =>
      client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'email public_profile',
        state: checks.state,
        ...(await pkce(checks)),
      }),
    identify: async (callbackUrl, checks) => {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
      })
      const me = new URL(`${graph}/me`)
      me.searchParams.set('fields', 'id,first_name,last_name,email')
      // Graph API calls made with the app secret prove it, so a stolen token alone is not enough.
      me.searchParams.set(
        'appsecret_proof',
        crypto.createHmac('sha256', clientSecret).update(tokens.access_token).digest('hex'),
      )
      const response = await client.fetchProtectedResource(config, tokens.access_token, me, 'GET')
      if (!response.ok) throw new Error(`Facebook profile request failed: ${response.status}`)
      const profile = (await response.json()) as Record<string, unknown>
      return {
        provider: 'facebook',
        subject: text(profile.id),
        email: text(profile.email).toLowerCase() || null,
        emailVerified: false,
        firstName: text(profile.first_name),
        lastName: text(profile.last_name),
      }
    },
  }
}

let registry: Map<ProviderId, OAuthProvider> | undefined

/** The providers whose client id and secret are set, chosen once from the validated env. */
const providers = (): Map<ProviderId, OAuthProvider> => {
  if (registry) return registry
  const env = getEnv()
  registry = new Map()
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    registry.set(
      'google',
      google(env.GOOGLE_CLIENT_ID, env.GOOGLE_CLIENT_SECRET, env.GOOGLE_ISSUER),
    )
  }
  if (env.FACEBOOK_CLIENT_ID && env.FACEBOOK_CLIENT_SECRET) {
    registry.set(
      'facebook',
      facebook(
        env.FACEBOOK_CLIENT_ID,
        env.FACEBOOK_CLIENT_SECRET,
        env.FACEBOOK_DIALOG_URL,
        env.FACEBOOK_GRAPH_URL,
      ),
    )
  }
  return registry
}

/** The provider behind `/api/users/oauth/:provider`, or null when it is unknown or not set up. */
export const enabledProvider = (id: unknown): OAuthProvider | null =>
  typeof id === 'string' ? (providers().get(id as ProviderId) ?? null) : null

/** The providers to offer buttons for, in a fixed order. */
export const enabledProviders = (): { id: ProviderId; label: string }[] =>
  [...providers().values()].map(({ id, label }) => ({ id, label }))
