import type { Town } from '@/lib/geo/towns'
import type { Tier } from '@/plugins/billing'

import type { PRICE_RANGES, RegionValue } from '../constants'
import { NZ_REGIONS } from '../constants'
import { slugify } from '../slugify'

/** A small deterministic generator so demo data is the same on every machine. */
export const createRandom = (seed: number) => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = next() * total
    for (const [item, weight] of items) {
      roll -= weight
      if (roll <= 0) return item
    }
    return items[items.length - 1]![0]
  }
  return { next, int, pick, weighted }
}
export type Random = ReturnType<typeof createRandom>

const NAME_STARTS = [
  'Kōwhai',
  'Pōhutukawa',
  'Tūī',
  'Kauri',
  'Rimu',
  'Mānuka',
  'Silver Fern',
  'Harbourside',
  'Southern Light',
  'Golden Bay',
  'Black Sand',
  'Lakeside',
  'Coastline',
  'Aroha',
  'Kererū',
  'Tōtara',
  'Horizon',
  'Fernleaf',
  'Driftwood',
  'Saltwater',
  'Highcountry',
  'Riverstone',
  'Bellbird',
  'Harakeke',
  'Moana',
  'Whenua',
  'Matariki',
  'Kiwiana',
  'Longwhite',
  'Alpine',
]

const NAME_ENDS: Record<string, string[]> = {
  Venues: ['Estate', 'Lodge', 'Homestead', 'Gardens', 'Woolshed', 'Pavilion'],
  Catering: ['Kitchen', 'Catering Co.', 'Feasts', 'Table', 'Provisions', 'Eats'],
  'Photography & Video': ['Photography', 'Studio', 'Films', 'Frames', 'Imagery', 'Lens'],
  'Music & Entertainment': ['Sounds', 'Entertainment', 'Collective', 'Beats', 'Live', 'Rhythm'],
  'Flowers & Styling': ['Florals', 'Blooms', 'Styling', 'Petals', 'Design House', 'Stems'],
  'Hire & Equipment': ['Hire', 'Event Hire', 'Supply Co.', 'Staging', 'AV', 'Rentals'],
  'Planning & Coordination': ['Events', 'Planning', 'Celebrations', 'Occasions', 'Co-ordination'],
  'Beauty & Attire': ['Beauty', 'Bridal', 'Artistry', 'Atelier', 'Hair & Makeup'],
  Transport: ['Cars', 'Coaches', 'Chauffeurs', 'Shuttles', 'Classic Cars'],
}

const OPENINGS = [
  (town: string, what: string) =>
    `Based in ${town}, we have spent the last decade helping couples, families and companies with ${what}.`,
  (town: string, what: string) =>
    `We are a small, friendly ${town} team who love ${what} and the people we meet along the way.`,
  (town: string, what: string) =>
    `From intimate gatherings to five-hundred-guest galas, our ${town} crew brings calm, careful ${what}.`,
]
const MIDDLES = [
  'Every booking starts with a conversation about what matters most to you, and we plan around it.',
  'We work alongside venues and other suppliers across the region, so the day runs to time.',
  'Sustainability matters to us: we source locally wherever we can and keep waste to a minimum.',
  'Our packages are clear and flexible, with no surprise costs after the quote is agreed.',
]
const CLOSINGS = [
  'Send us a message with your date and we will come back to you within a day.',
  'Have a look through our portfolio, then get in touch to check availability.',
  'We travel throughout the region and beyond — just ask.',
]

/** Lexical's JSON shape for a few plain paragraphs. */
export const lexicalParagraphs = (paragraphs: string[]) => ({
  root: {
    type: 'root',
    format: '' as const,
    indent: 0,
    version: 1,
    direction: 'ltr' as const,
    children: paragraphs.map((text) => ({
      type: 'paragraph',
      format: '' as const,
      indent: 0,
      version: 1,
      direction: 'ltr' as const,
      textFormat: 0,
      textStyle: '',
      children: [
        { type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 },
      ],
    })),
  },
})

export type SeedCategoryRef = { id: number; name: string; parentName: string }

export type GeneratedVendor = {
  businessName: string
  slug: string
  tagline: string
  description: ReturnType<typeof lexicalParagraphs>
  categoryIds: number[]
  serviceRegions: RegionValue[]
  city: string
  region: RegionValue
  address: string
  lat: number
  lng: number
  priceRange: (typeof PRICE_RANGES)[number]['value']
  tier: Tier
  verificationStatus: 'unverified' | 'pending' | 'verified'
  ratingAverage: number
  ratingCount: number
  responseRate: number | null
  medianResponseHours: number | null
  status: 'active' | 'draft'
  email: string
  phone: string
  website: string
  /** Closed periods (ISO dates, inclusive) in the coming year. */
  unavailable: { from: string; to: string }[]
}

const STREETS = [
  'Queen Street',
  'High Street',
  'Victoria Avenue',
  'Marine Parade',
  'Beach Road',
  'Church Street',
  'Station Road',
  'Main Road',
]

export const generateVendor = (
  random: Random,
  index: number,
  towns: Town[],
  categories: SeedCategoryRef[],
): GeneratedVendor => {
  // Bigger towns get more vendors: draw from the largest towns more often.
  const town = towns[Math.floor(Math.pow(random.next(), 2.2) * towns.length)]!
  const primary = random.pick(categories)
  const siblings = categories.filter(
    (c) => c.parentName === primary.parentName && c.id !== primary.id,
  )
  const categoryIds = [primary.id]
  if (siblings.length > 0 && random.next() < 0.35) categoryIds.push(random.pick(siblings).id)

  const nameStart = random.next() < 0.25 ? town.name : random.pick(NAME_STARTS)
  const businessName = `${nameStart} ${random.pick(NAME_ENDS[primary.parentName] ?? ['Events'])}`
  const slug = `${slugify(businessName)}-${index + 1}`
  const what = primary.name.toLowerCase()

  const neighbours = NZ_REGIONS.map((r) => r.value).filter((r) => r !== town.region)
  const serviceRegions: RegionValue[] = [town.region]
  for (let i = random.int(0, 2); i > 0; i--) {
    const extra = random.pick(neighbours)
    if (!serviceRegions.includes(extra)) serviceRegions.push(extra)
  }

  const ratingCount = random.weighted([
    [0, 2],
    [random.int(1, 9), 4],
    [random.int(10, 60), 3],
    [random.int(61, 180), 1],
  ] as const)
  const ratingAverage = ratingCount === 0 ? 0 : Math.round((3.6 + random.next() * 1.4) * 10) / 10

  // A third of vendors already have dates booked out, for the availability filter.
  const today = Math.floor(Date.now() / 86_400_000)
  const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10)
  const unavailable = Array.from(
    {
      length: random.weighted([
        [0, 6],
        [1, 2],
        [2, 1],
      ] as const),
    },
    () => {
      const start = today + random.int(7, 365)
      return { from: isoDay(start), to: isoDay(start + random.int(0, 6)) }
    },
  )

  return {
    businessName,
    slug,
    tagline: `${primary.name} in ${town.name} and surrounds`,
    description: lexicalParagraphs([
      random.pick(OPENINGS)(town.name, what),
      random.pick(MIDDLES),
      random.pick(CLOSINGS),
    ]),
    categoryIds,
    serviceRegions,
    city: town.name,
    region: town.region,
    address: `${random.int(1, 480)} ${random.pick(STREETS)}, ${town.name}`,
    lat: Math.round((town.lat + (random.next() - 0.5) * 0.04) * 1e6) / 1e6,
    lng: Math.round((town.lng + (random.next() - 0.5) * 0.04) * 1e6) / 1e6,
    priceRange: random.weighted([
      ['budget', 2],
      ['moderate', 4],
      ['premium', 3],
      ['luxury', 1],
    ] as const),
    tier: random.weighted([
      ['essential', 7],
      ['showcase', 2],
      ['spotlight', 1],
    ] as const),
    verificationStatus: random.weighted([
      ['unverified', 4],
      ['pending', 1],
      ['verified', 5],
    ] as const),
    ratingAverage,
    ratingCount,
    responseRate: random.int(55, 100),
    medianResponseHours: random.int(1, 48),
    status: random.next() < 0.95 ? 'active' : 'draft',
    email: `hello@${slug}.example.nz`,
    phone: `0${random.pick(['3', '4', '6', '7', '9'])} ${random.int(200, 999)} ${random.int(1000, 9999)}`,
    website: `https://${slug}.example.nz`,
    unavailable,
  }
}
