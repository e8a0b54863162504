import { APIError } from 'payload'

export const SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED'
export const SECOND_FACTOR_INVALID = 'SECOND_FACTOR_INVALID'

/**
 * Thrown from the login operation (REST, GraphQL and Local API alike) when the password was
 * right but the account also needs a code: no session exists yet, and `challenge` lets the
 * person finish with `POST /api/users/login/2fa` within five minutes.
 */
export class SecondFactorRequired extends APIError<{ code: string; challenge: string }> {
  constructor(challenge: string, invalid = false) {
    super(
      invalid
        ? 'That code did not work. Enter the current 6-digit code from your authenticator app, or one of your recovery codes.'
        : 'This account uses two-step sign-in. Enter the 6-digit code from your authenticator app (or a recovery code) to finish signing in; in the admin, sign in on the site at /login.',
      401,
      { code: invalid ? SECOND_FACTOR_INVALID : SECOND_FACTOR_REQUIRED, challenge },
      true,
    )
    this.name = 'SecondFactorRequired'
  }
}

/** A refusal a person can act on, shown as it is by the forms and the REST endpoint. */
export class TwoFactorRefusal extends APIError {
  constructor(message: string, status = 400) {
    super(message, status, undefined, true)
    this.name = 'TwoFactorRefusal'
  }
}

/**
 * How a password is checked without signing in (to turn two-factor off): the login operation
 * runs, so a wrong password counts towards the lockout as any other, and this is thrown
 * before a session is made.
 */
export class PasswordConfirmed extends Error {
  constructor() {
    super('Password confirmed')
    this.name = 'PasswordConfirmed'
  }
}
