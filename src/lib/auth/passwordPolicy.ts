/**
 * The password rules from the architecture notes: 8–128 characters with upper and lower case
 * letters, a digit and a special character; not a well-known password; not built from the
 * person's own email or name.
 */

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128

const COMMON_PASSWORDS = new Set([
  'password1!',
  'password123!',
  'p@ssw0rd',
  'p@ssw0rd1',
  'p@ssword1',
  'qwerty123!',
  'welcome1!',
  'letmein1!',
  'admin123!',
  'iloveyou1!',
  'abc123!@#',
  'changeme1!',
])

export type PasswordContext = {
  email?: string | null
  firstName?: string | null
  lastName?: string | null
}

/** Returns the problems with a password, each a sentence a person can act on; empty when fine. */
export const passwordProblems = (password: string, context: PasswordContext = {}): string[] => {
  const problems: string[] = []
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  }
  if (!/\p{Lu}/u.test(password)) problems.push('Add an upper-case letter.')
  if (!/\p{Ll}/u.test(password)) problems.push('Add a lower-case letter.')
  if (!/\p{Nd}/u.test(password)) problems.push('Add a digit.')
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) problems.push('Add a special character such as ! or #.')

  const lowered = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lowered)) problems.push('This password is too common.')

  const email = context.email?.toLowerCase().trim()
  const localPart = email?.split('@')[0]
  const personal = [email, localPart, context.firstName, context.lastName]
    .map((value) => value?.toLowerCase().trim())
    .filter((value): value is string => Boolean(value && value.length >= 4))
  if (personal.some((value) => lowered.includes(value))) {
    problems.push('Do not use your email address or name in your password.')
  }
  return problems
}

export const describePasswordProblems = (problems: string[]): string =>
  `Password is not strong enough: ${problems.join(' ')}`
