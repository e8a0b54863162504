import { describePasswordProblems, passwordProblems } from './passwordPolicy'

const PERSONAL_INFO = 'Do not use your email address or name in your password.'
const COMMON = 'This is similar to a commonly used password.'
const MORE_WORDS = 'Add more words that are less common.'

describe('passwordProblems', () => {
  it.each([
    ['Kiwi-Events-2026!', { email: 'aroha@example.test' }],
    ['Tui-Song-Morning-7#', {}],
    ['Correct-Horse-Battery-9!', { email: 'wiremu.tane@example.test', firstName: 'Wiremu' }],
  ])('accepts %s, which meets every rule and is hard to guess', (password, context) => {
    expect(passwordProblems(password, context)).toEqual([])
  })

  it.each([
    ['Ab1!', 'Use at least 8 characters.'],
    ['lowercase-only-1!', 'Add an upper-case letter.'],
    ['UPPERCASE-ONLY-1!', 'Add a lower-case letter.'],
    ['No-Digits-Here!', 'Add a digit.'],
    ['NoSpecials2026', 'Add a special character such as ! or #.'],
    [`Aa1!${'z'.repeat(125)}`, 'Use at most 128 characters.'],
  ])('explains what is wrong with %s', (password, problem) => {
    expect(passwordProblems(password)).toContain(problem)
  })

  it.each(['Password1!', 'Qwerty123!', 'Welcome1!', 'Iloveyou1!', 'Changeme1!'])(
    'refuses %s, a common password that meets the character rules, and says how to do better',
    (password) => {
      expect(passwordProblems(password)).toEqual([
        COMMON,
        MORE_WORDS,
        'Capitalize more than the first letter.',
      ])
    },
  )

  it('refuses l33t spellings of common passwords and names the trick', () => {
    for (const password of ['P@ssw0rd1', 'Passw0rd!2026']) {
      const problems = passwordProblems(password)
      expect(problems).toContain(COMMON)
      expect(problems).toContain("Avoid predictable letter substitutions like '@' for 'a'.")
    }
  })

  it('refuses keyboard patterns', () => {
    expect(passwordProblems('Zxcvbnm,./1A')).toEqual([
      'Straight rows of keys on your keyboard are easy to guess.',
      MORE_WORDS,
      'Use longer keyboard patterns and change typing direction multiple times.',
    ])
  })

  it('refuses a guessable password zxcvbn has no single name for, with general advice', () => {
    expect(passwordProblems('Summer2024!')).toEqual([
      'This password is easy to guess.',
      MORE_WORDS,
      'Capitalize more than the first letter.',
    ])
  })

  it('reads as one message a person can act on', () => {
    expect(describePasswordProblems(passwordProblems('Welcome1!'))).toBe(
      `Password is not strong enough: ${COMMON} ${MORE_WORDS} Capitalize more than the first letter.`,
    )
  })

  it('refuses passwords built from the email or name, whatever the case', () => {
    const context = { email: 'wiremu.tane@example.test', firstName: 'Wiremu', lastName: 'Tane' }
    expect(passwordProblems('WIREMU.TANE-2026!', context)).toContain(PERSONAL_INFO)
    expect(passwordProblems('Tane-Family-88!', context)).toEqual([PERSONAL_INFO])
    expect(passwordProblems('Kiwi-Events-2026!', context)).toEqual([])
  })

  it('refuses l33t spellings of the name, which only the person makes guessable', () => {
    const context = { email: 'wiremu.tane@example.test', firstName: 'Wiremu', lastName: 'Tane' }
    expect(passwordProblems('W1r3mu!2026', {})).toEqual([])
    expect(passwordProblems('W1r3mu!2026', context)).toContain(PERSONAL_INFO)
    expect(passwordProblems('T4n3!W1r3mu', { email: 'wiremu.tane@example.test' })).toContain(
      PERSONAL_INFO,
    )
  })

  it('does not count the shared domain of an email as personal', () => {
    expect(passwordProblems('EventPros!2026', { email: 'admin@eventpros.test' })).toEqual([])
  })

  it('counts letters beyond ASCII, such as macrons', () => {
    expect(passwordProblems('Āporo-kai-2026!')).toEqual([])
  })
})
