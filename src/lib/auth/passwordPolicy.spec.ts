import { passwordProblems } from './passwordPolicy'

describe('passwordProblems', () => {
  it('accepts a password meeting every rule', () => {
    expect(passwordProblems('Kiwi-Events-2026!', { email: 'aroha@example.test' })).toEqual([])
  })

  it.each([
    ['Ab1!', 'Use at least 8 characters.'],
    ['lowercase-only-1!', 'Add an upper-case letter.'],
    ['UPPERCASE-ONLY-1!', 'Add a lower-case letter.'],
    ['No-Digits-Here!', 'Add a digit.'],
    ['NoSpecials2026', 'Add a special character such as ! or #.'],
    [`Aa1!${'z'.repeat(125)}`, 'Use at most 128 characters.'],
    ['P@ssw0rd1', 'This password is too common.'],
  ])('explains what is wrong with %s', (password, problem) => {
    expect(passwordProblems(password)).toContain(problem)
  })

  it('refuses passwords built from the email or name, whatever the case', () => {
    const context = { email: 'wiremu.tane@example.test', firstName: 'Wiremu', lastName: 'Tane' }
    expect(passwordProblems('WIREMU.TANE-2026!', context)).toContain('Do not use your email address or name in your password.')
    expect(passwordProblems('Tane-Family-88!', context)).toContain('Do not use your email address or name in your password.')
    expect(passwordProblems('Kiwi-Events-2026!', context)).toEqual([])
  })

  it('counts letters beyond ASCII, such as macrons', () => {
    expect(passwordProblems('Āporo-kai-2026!')).toEqual([])
  })
})
