import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common'
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en'

/**
 * The password rules from the architecture notes: 8–128 characters with upper and lower case
 * letters, a digit and a special character; not easy to guess (zxcvbn, which knows breached and
 * common passwords, keyboard patterns, dates and l33t spellings); not built from the person's
 * own email or name.
 */

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128
/** zxcvbn's 3 of 4: about 10⁸ guesses or more, out of reach of guessing through the login form. */
export const PASSWORD_MIN_SCORE = 3

const PERSONAL_INFO = 'Do not use your email address or name in your password.'
const EASY_TO_GUESS = 'This password is easy to guess.'

let estimator: ZxcvbnFactory | undefined

/**
 * Ranking the 236,000 dictionary words takes about a quarter of a second, so it is done once, on
 * the first check, rather than by every module that merely imports the policy.
 */
const passwordEstimator = (): ZxcvbnFactory =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    translations: {
      ...translations,
      warnings: { ...translations.warnings, userInputs: PERSONAL_INFO },
    },
    // The check blocks the request's thread, and with zxcvbn's defaults a random 128-character
    // password takes a second. A password weak enough to refuse is weak in its first 32
    // characters too (repeats, sequences, common phrases), and 20 l33t readings still catch the
    // l33t spellings of common words (the spec's examples); together they cut the worst case
    // about tenfold.
    maxLength: 32,
    l33tMaxSubstitutions: 20,
  }))

export type PasswordContext = {
  email?: string | null
  firstName?: string | null
  lastName?: string | null
}

const lowered = (value: unknown): string =>
  typeof value === 'string' ? value.toLowerCase().trim() : ''

/**
 * The email, its local part and the names, lower-cased: what a password must not be built on.
 * Hooks pass the request's data before validation, so a value may not be text yet.
 */
const personalValues = ({ email, firstName, lastName }: PasswordContext): string[] => {
  const address = lowered(email)
  return [address, address.split('@')[0], lowered(firstName), lowered(lastName)].filter(
    (value): value is string => Boolean(value),
  )
}

/**
 * What zxcvbn is told about the person: the values and the words inside them ("wiremu.tane" is
 * also "wiremu" and "tane"), so l33t, reversed and padded spellings of them score low too. The
 * address's domain stays out of the pieces: it is shared by everyone on it, not personal.
 */
const personalWords = (values: string[]): string[] => {
  const pieces = values
    .filter((value) => !value.includes('@'))
    .flatMap((value) => value.split(/[^\p{L}\p{Nd}]+/u))
  return [...new Set([...values, ...pieces])].filter((value) => value.length >= 3)
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

  const personal = personalValues(context)
  const typed = password.toLowerCase()
  if (personal.some((value) => value.length >= 4 && typed.includes(value))) {
    problems.push(PERSONAL_INFO)
  }

  // An empty password has nothing to estimate, and zxcvbn's advice for it (no symbols needed)
  // contradicts the rules above.
  if (password) {
    const { score, feedback } = passwordEstimator().check(password, personalWords(personal))
    if (score < PASSWORD_MIN_SCORE) {
      problems.push(feedback.warning ?? EASY_TO_GUESS, ...feedback.suggestions)
    }
  }
  return [...new Set(problems)]
}

export const describePasswordProblems = (problems: string[]): string =>
  `Password is not strong enough: ${problems.join(' ')}`
