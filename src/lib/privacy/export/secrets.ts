/**
 * Account fields that are credentials, not information about the person: password hash and
 * salt, the API key, reset and verification tokens, two-factor secrets and recovery codes,
 * session ids. Matched by name at any depth, so a field added later with a secret in it (a
 * provider's token, an unsubscribe key) stays out too.
 */
const SECRET_KEY =
  /^(hash|salt|sessions|sessionDetails|loginAttempts|lockUntil)$|secret|token|password|apikey|recovery|totpLastStep/i

export const withoutSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSecrets)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  )
}
