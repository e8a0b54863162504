import { entitlementsOf, tierForLookupKey, tierThatLifts, withGst } from './tiers'

describe('tiers', () => {
  it('adds 15% GST to the monthly prices', () => {
    expect(withGst(2900)).toEqual({ netCents: 2900, gstCents: 435, grossCents: 3335 })
    expect(withGst(9900)).toEqual({ netCents: 9900, gstCents: 1485, grossCents: 11385 })
  })

  it('names the cheapest tier that lifts a limit, and none above unlimited', () => {
    expect(tierThatLifts('essential', 'portfolioImages')?.value).toBe('showcase')
    expect(tierThatLifts('showcase', 'quotesPerMonth')?.value).toBe('spotlight')
    expect(tierThatLifts('spotlight', 'quotesPerMonth')).toBeNull()
    expect(tierThatLifts('spotlight', 'portfolioImages')).toBeNull()
  })

  it('reads entitlements and lookup keys from the one table', () => {
    expect(entitlementsOf('essential').portfolioImages).toBe(5)
    expect(entitlementsOf('spotlight').quotesPerMonth).toBeNull()
    expect(entitlementsOf(null).searchBoost).toBe(0)
    expect(tierForLookupKey('event_pros_spotlight_monthly')).toBe('spotlight')
    expect(tierForLookupKey('someone_elses_price')).toBeNull()
  })
})
