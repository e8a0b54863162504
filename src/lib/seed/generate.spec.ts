import { NZ_REGIONS } from '../constants'
import { createRandom, generateVendor } from './generate'
import { demoQuoteMessage } from './quoteMessages'
import { nzTowns } from '@/lib/geo/towns'

const categories = [
  { id: 1, name: 'Florists', parentName: 'Flowers & Styling' },
  { id: 2, name: 'Event stylists', parentName: 'Flowers & Styling' },
  { id: 3, name: 'DJs', parentName: 'Music & Entertainment' },
]

describe('demo vendor generation', () => {
  const towns = nzTowns()

  it('knows real New Zealand towns in every region', () => {
    expect(towns.length).toBeGreaterThan(100)
    expect(towns[0]!.name).toBe('Auckland')
    const regions = new Set(towns.map((t) => t.region))
    expect(regions.size).toBe(NZ_REGIONS.length)
  })

  it('places every vendor in New Zealand with valid regions and categories', () => {
    const random = createRandom(1)
    const slugs = new Set<string>()
    for (let i = 0; i < 500; i++) {
      const vendor = generateVendor(random, i, towns, categories)
      expect(vendor.lat).toBeGreaterThan(-47.5)
      expect(vendor.lat).toBeLessThan(-34)
      expect(vendor.lng).toBeGreaterThan(166)
      expect(vendor.lng).toBeLessThan(179)
      expect(NZ_REGIONS.map((r) => r.value)).toContain(vendor.region)
      expect(vendor.serviceRegions[0]).toBe(vendor.region)
      expect(vendor.categoryIds.every((id) => categories.some((c) => c.id === id))).toBe(true)
      slugs.add(vendor.slug)
    }
    expect(slugs.size).toBe(500)
  })

  it('is deterministic for a seed', () => {
    const a = generateVendor(createRandom(42), 0, towns, categories)
    const b = generateVendor(createRandom(42), 0, towns, categories)
    expect(a).toEqual(b)
  })
})

describe('demo quote messages', () => {
  const title = 'Photographer for our vineyard wedding'

  it('names the job and never repeats another quote word for word', () => {
    const messages = [0, 1, 2, 3, 4, 5].map((index) => demoQuoteMessage(title, index))
    expect(new Set(messages).size).toBe(messages.length)
    for (const message of messages) expect(message).toContain(`“${title}”`)
  })

  it('is the same for the same vendor index on every run', () => {
    expect(demoQuoteMessage(title, 2)).toBe(demoQuoteMessage(title, 2))
    expect(demoQuoteMessage(title, 2)).not.toBe(demoQuoteMessage(title, 3))
  })
})
