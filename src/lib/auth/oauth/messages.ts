/**
 * Why a sign-in with Google or Facebook stopped, in words a person can act on. The callback
 * redirects with the code (`?oauthError=STATE_MISMATCH&provider=google`) and the page shows the
 * sentence; this file holds no server code so pages and browser components can read it.
 */
export const OAUTH_ERRORS = {
  FLOW_EXPIRED: (p: string) =>
    `Signing in with ${p} took too long, or it was started in another browser. Please try again.`,
  STATE_MISMATCH: (p: string) =>
    `The answer from ${p} did not match a sign-in started in this browser, so we stopped to keep your account safe. Please try again.`,
  CANCELLED: (p: string) =>
    `Signing in with ${p} was cancelled. Try again, or log in with your email and password.`,
  CODE_REJECTED: (p: string) =>
    `${p} did not accept this sign-in (the link may have been used already). Please start again.`,
  PROVIDER_FAILED: (p: string) =>
    `We could not finish signing in with ${p}. Please try again in a minute, or log in with your email and password.`,
  EMAIL_MISSING: (p: string) =>
    `${p} did not share an email address with us, and your account needs one. Allow access to your email address when ${p} asks, or sign up with your email.`,
  EMAIL_NOT_VERIFIED: (p: string) =>
    `An account with your ${p} email address already exists, but ${p} has not confirmed that the address is yours, so we did not link them. Log in with your password, then link ${p} on your account page.`,
  SIGNUP_EMAIL_NOT_VERIFIED: (p: string) =>
    `${p} has not confirmed that your email address is yours, so we cannot create an account from it. Sign up with your email address instead, then link ${p} on your account page.`,
  IDENTITY_TAKEN: (p: string) =>
    `That ${p} account is already linked to another Event Pros NZ account. Sign in with it there, or unlink it from that account first.`,
  ALREADY_LINKED: (p: string) =>
    `Your account is already linked to a ${p} account. Unlink it first to link another.`,
  SIGNED_OUT: (p: string) =>
    `You were signed out before ${p} answered, so nothing was linked. Log in and try again.`,
  LOCKED: () =>
    'This account is locked for 15 minutes after too many wrong passwords. Please try again later.',
  UNVERIFIED: () =>
    'Please confirm your email address first: open the link we emailed you, then sign in again.',
  REFUSED: () =>
    'This account cannot sign in at the moment. Log in with your email and password to see why, or contact us.',
} as const

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS

const LABELS: Record<string, string> = { google: 'Google', facebook: 'Facebook' }

/** A provider's name as people know it. */
export const providerLabel = (id: string): string => LABELS[id] ?? id

/** The sentence for `?oauthError=…&provider=…`, or null for anything else in the address. */
export const oauthErrorMessage = (code: unknown, provider: unknown): string | null => {
  if (typeof code !== 'string' || !Object.hasOwn(OAUTH_ERRORS, code)) return null
  const label = (typeof provider === 'string' && LABELS[provider]) || 'the provider'
  return OAUTH_ERRORS[code as OAuthErrorCode](label)
}
