import { generateSecret, generateSync, generateURI, verifySync } from 'otplib'

/** What authenticator apps expect: RFC 6238 with SHA-1, 6 digits, a 30-second step. */
export const TOTP_ISSUER = 'Event Pros NZ'
export const TOTP_PERIOD = 30
const DIGITS = 6

export const newTotpSecret = (): string => generateSecret({ length: 20 })

export const totpUri = (secret: string, email: string): string =>
  generateURI({
    issuer: TOTP_ISSUER,
    label: email,
    secret,
    algorithm: 'sha1',
    digits: DIGITS,
    period: TOTP_PERIOD,
  })

/** The code an authenticator shows at `epoch` (seconds); tests and the demo helpers use it. */
export const totpCode = (secret: string, epoch = Math.floor(Date.now() / 1000)): string =>
  generateSync({ secret, algorithm: 'sha1', digits: DIGITS, period: TOTP_PERIOD, epoch })

/**
 * The time step a code belongs to when it is right now or one step either side (a phone's
 * clock a little off) and later than `afterTimeStep` (a code is good once), else null.
 */
export const acceptedTimeStep = (
  secret: string,
  code: string,
  afterTimeStep?: number | null,
  epoch = Math.floor(Date.now() / 1000),
): number | null => {
  if (!/^\d{6}$/.test(code)) return null
  const result = verifySync({
    secret,
    token: code,
    algorithm: 'sha1',
    digits: DIGITS,
    period: TOTP_PERIOD,
    epoch,
    epochTolerance: TOTP_PERIOD,
    ...(afterTimeStep == null ? {} : { afterTimeStep }),
  })
  return result.valid && 'timeStep' in result ? result.timeStep : null
}
