import { withoutSecrets } from './secrets'

describe('withoutSecrets', () => {
  it('drops credentials at any depth and keeps what describes the person', () => {
    const account = {
      email: 'aroha@example.test',
      hash: 'h',
      salt: 's',
      apiKey: 'k',
      apiKeyIndex: 'i',
      enableAPIKey: true,
      resetPasswordToken: 't',
      _verificationToken: 'v',
      totpSecret: 'x',
      totpPendingSecret: 'y',
      totpLastStep: 1,
      recoveryCodes: '[]',
      sessions: [{ id: 'sid' }],
      sessionDetails: [{ id: 'sid' }],
      loginAttempts: 0,
      messageEmails: true,
      termsAcceptedAt: '2026-12-01T00:00:00.000Z',
      linkedProviders: [{ provider: 'google', linkedAt: '2026-12-01', refreshToken: 'r' }],
    }
    expect(withoutSecrets(account)).toEqual({
      email: 'aroha@example.test',
      messageEmails: true,
      termsAcceptedAt: '2026-12-01T00:00:00.000Z',
      linkedProviders: [{ provider: 'google', linkedAt: '2026-12-01' }],
    })
  })

  it('leaves values that are not objects as they are', () => {
    expect(withoutSecrets(null)).toBeNull()
    expect(withoutSecrets('token')).toBe('token')
    expect(withoutSecrets([1, { hash: 'h', a: 2 }])).toEqual([1, { a: 2 }])
  })
})
