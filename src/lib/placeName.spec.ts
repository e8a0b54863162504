import { placeName, regionLabel } from './constants'

describe('placeName', () => {
  it('names the town once where it gives the region its name', () => {
    expect(placeName('Wellington', regionLabel('wellington'))).toBe('Wellington')
    expect(placeName('Auckland', 'Auckland')).toBe('Auckland')
    expect(placeName('auckland ', 'Auckland')).toBe('auckland')
  })

  it('keeps both where they differ', () => {
    expect(placeName('Napier', regionLabel('hawkes-bay'))).toBe("Napier, Hawke's Bay")
    expect(placeName('Lower Hutt', 'Wellington')).toBe('Lower Hutt, Wellington')
    expect(placeName('Ōtaki', 'Wellington')).toBe('Ōtaki, Wellington')
  })

  it('gives whichever is known when one is missing', () => {
    expect(placeName('Taupō', '')).toBe('Taupō')
    expect(placeName(null, 'Otago')).toBe('Otago')
    expect(placeName(undefined, undefined)).toBe('')
  })
})
