import { damerauDistance, matchTypos, typoBudget, typoCount } from './typos'

// Examples from Meilisearch's typo tolerance documentation, and its rule in milli's source.
describe('typo rule (Meilisearch v1.12)', () => {
  it('allows typos by word length: 1 from 5 letters, 2 from 9 by default', () => {
    expect(typoBudget('tow')).toBe(0)
    expect(typoBudget('seven')).toBe(1)
    expect(typoBudget('photograph')).toBe(2)
    expect(typoBudget('caf', { oneTypo: 3, twoTypos: 8 })).toBe(1)
    expect(matchTypos('sevem', 'seven')).toBe(1)
    expect(matchTypos('sevan', 'seven')).toBe(1)
    expect(matchTypos('tow', 'two')).toBeNull()
  })

  it('counts a swapped pair of adjacent letters as one typo', () => {
    expect(damerauDistance('phnoe', 'phone')).toBe(1)
    expect(matchTypos('phnoe', 'phone')).toBe(1)
    expect(matchTypos('photogarpher', 'photographer')).toBe(1)
  })

  it('counts a different first letter as one typo more', () => {
    expect(typoCount('fotographer', 'photographer')).toBe(3)
    expect(matchTypos('fotographer', 'photographer')).toBeNull()
    // One edit on the first letter: two typos, so only words of twoTypos letters or more.
    expect(matchTypos('cxterers', 'caterers')).toBe(1)
    expect(matchTypos('katerers', 'caterers')).toBeNull()
    expect(matchTypos('kphotographer', 'photographer')).toBe(2)
    expect(matchTypos('hotographer', 'photographer')).toBe(2)
  })

  it('stops at the budget', () => {
    expect(matchTypos('photografer', 'photographer')).toBe(2)
    expect(matchTypos('fotografer', 'photographer')).toBeNull()
    expect(matchTypos('catrers', 'caterers')).toBe(1)
    expect(matchTypos('catrrs', 'caterers')).toBeNull()
  })

  it('measures the last word as a prefix', () => {
    expect(matchTypos('photo', 'photographer', { prefix: true })).toBe(0)
    expect(matchTypos('phoot', 'photographer', { prefix: true })).toBe(1)
    expect(matchTypos('phoot', 'photographer')).toBeNull()
    expect(matchTypos('pho', 'photographer', { prefix: true })).toBe(0)
    expect(matchTypos('pjo', 'photographer', { prefix: true })).toBeNull()
    expect(matchTypos('fhoto', 'photographer', { prefix: true })).toBeNull()
  })
})
