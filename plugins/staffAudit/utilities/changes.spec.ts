import { changedFields, REDACTED } from './changes'

const redact = new Set(['password', 'hash', 'apiKey', 'totpSecret'])

describe('changedFields', () => {
  it('lists only what differs, groups as dotted paths, relationships as ids', () => {
    const before = {
      id: 7,
      businessName: 'Tūī Photography',
      location: { city: 'Napier', region: 'hawkes-bay' },
      owner: 3,
      categories: [1, 2],
      updatedAt: '2026-01-01T00:00:00.000Z',
    }
    const after = {
      ...before,
      location: { city: 'Hastings', region: 'hawkes-bay' },
      owner: { id: 4, email: 'new@example.test', createdAt: '2026-01-01T00:00:00.000Z' },
      categories: [1, 2],
      updatedAt: '2026-02-01T00:00:00.000Z',
    }
    expect(changedFields({ before, after, redact })).toEqual({
      'location.city': { from: 'Napier', to: 'Hastings' },
      owner: { from: 3, to: 4 },
    })
  })

  it('counts a create from nothing and a delete to nothing', () => {
    const doc = { id: 1, name: 'Celebrants', createdAt: 'x' }
    expect(changedFields({ before: null, after: doc, redact })).toEqual({
      id: { from: null, to: 1 },
      name: { from: null, to: 'Celebrants' },
    })
    expect(changedFields({ before: doc, after: null, redact }).name).toEqual({
      from: 'Celebrants',
      to: null,
    })
  })

  it('names a secret without showing it, at any depth, and a secret that was sent', () => {
    const changes = changedFields({
      before: { id: 1, hash: 'old-hash', settings: { totpSecret: null }, extra: [{ apiKey: 'a' }] },
      after: {
        id: 1,
        hash: 'new-hash',
        settings: { totpSecret: 'SEED' },
        extra: [{ apiKey: 'b' }],
      },
      secretsSent: ['password'],
      redact,
    })
    expect(changes).toEqual({
      hash: { from: REDACTED, to: REDACTED },
      'settings.totpSecret': { from: null, to: REDACTED },
      extra: { from: [{ apiKey: REDACTED }], to: [{ apiKey: REDACTED }] },
      password: { from: REDACTED, to: REDACTED },
    })
    expect(JSON.stringify(changes)).not.toMatch(/old-hash|new-hash|SEED/)
  })

  it('does not count a field the later version does not show as removed', () => {
    expect(changedFields({ before: { id: 1, hash: 'h' }, after: { id: 1 }, redact })).toEqual({})
  })

  it('summarises a value too long to read in the log', () => {
    const changes = changedFields({
      before: { id: 1, description: 'short' },
      after: { id: 1, description: 'x'.repeat(5000) },
      redact,
    })
    expect(changes.description).toEqual({ from: 'short', to: '[5002 characters, not shown]' })
  })
})
