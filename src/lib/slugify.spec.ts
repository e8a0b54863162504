import { slugify } from './slugify'

describe('slugify', () => {
  it.each([
    ['Kōwhai Florals', 'kowhai-florals'],
    ['Hāngī & Feasts', 'hangi-and-feasts'],
    ["  O'Brien's  Photo Studio!! ", 'o-brien-s-photo-studio'],
    ['Ōtautahi Events 2026', 'otautahi-events-2026'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug)
  })
})
