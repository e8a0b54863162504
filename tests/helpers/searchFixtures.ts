import pg from 'pg'

import { bayesianRating, priceRankOf, type VendorSearchDocument } from '../../plugins/search'
import { PRICE_RANGES, regionLabel } from '../../src/lib/constants'
import { embeddedConnectionString } from '../../src/lib/db/embeddedPostgres'
import { TEST_PG_PORT } from '../setup/constants'

export const PLACES = {
  wellington: { lat: -41.2865, lng: 174.7762 },
  lowerHutt: { lat: -41.2092, lng: 174.9081 },
  porirua: { lat: -41.1339, lng: 174.84 },
  masterton: { lat: -40.9511, lng: 175.6573 },
  auckland: { lat: -36.8485, lng: 174.7633 },
  whangarei: { lat: -35.7251, lng: 174.3237 },
}

const PHOTOGRAPHERS = { slug: 'photographers', name: 'Photographers', parent: 'photography-video' }
const CATERERS = { slug: 'caterers', name: 'Caterers', parent: 'food-drink' }

type Spec = {
  id: number
  businessName: string
  category: typeof PHOTOGRAPHERS
  place: keyof typeof PLACES
  city: string
  region: string
  priceRange: string
  rating: [number, number]
  tier?: string
  verified?: boolean
  unavailable?: { from: string; to: string }[]
  tagline?: string
}

const doc = (spec: Spec): VendorSearchDocument => ({
  id: spec.id,
  slug: spec.businessName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  businessName: spec.businessName,
  tagline: spec.tagline ?? null,
  description: `${spec.businessName} works at events across ${spec.city}.`,
  categories: [{ slug: spec.category.slug, name: spec.category.name }],
  categorySlugs: [spec.category.slug, spec.category.parent],
  city: spec.city,
  region: spec.region,
  regionLabel: regionLabel(spec.region),
  serviceRegions: [spec.region],
  ...PLACES[spec.place],
  priceRange: spec.priceRange,
  priceRank: priceRankOf(PRICE_RANGES, spec.priceRange),
  ratingAverage: spec.rating[0],
  ratingCount: spec.rating[1],
  ratingScore: bayesianRating(spec.rating[0], spec.rating[1]),
  tier: spec.tier ?? 'essential',
  tierBoost: { essential: 0, showcase: 1, spotlight: 2 }[spec.tier ?? 'essential']!,
  verified: spec.verified ?? false,
  unavailable: spec.unavailable ?? [],
  cover: null,
  updatedAt: '2026-11-01T00:00:00.000Z',
})

/** Eight vendors around Wellington, Auckland and Whangārei that the contract queries pick apart. */
export const FIXTURE_DOCUMENTS: VendorSearchDocument[] = [
  doc({
    id: 1,
    businessName: 'Harbour Light Photography',
    category: PHOTOGRAPHERS,
    place: 'wellington',
    city: 'Wellington',
    region: 'wellington',
    priceRange: 'premium',
    rating: [4.9, 20],
    tier: 'spotlight',
    verified: true,
    tagline: 'Wedding photographer on the waterfront',
  }),
  doc({
    id: 2,
    businessName: 'Hutt Valley Photographers',
    category: PHOTOGRAPHERS,
    place: 'lowerHutt',
    city: 'Lower Hutt',
    region: 'wellington',
    priceRange: 'moderate',
    rating: [4.2, 8],
  }),
  doc({
    id: 3,
    businessName: 'Porirua Photo Co',
    category: PHOTOGRAPHERS,
    place: 'porirua',
    city: 'Porirua',
    region: 'wellington',
    priceRange: 'budget',
    rating: [3.5, 3],
    unavailable: [{ from: '2027-02-10', to: '2027-02-14' }],
  }),
  doc({
    id: 4,
    businessName: 'Wairarapa Wedding Photography',
    category: PHOTOGRAPHERS,
    place: 'masterton',
    city: 'Masterton',
    region: 'wellington',
    priceRange: 'luxury',
    rating: [4.6, 12],
    verified: true,
  }),
  doc({
    id: 5,
    businessName: 'Harbour Light Catering',
    category: CATERERS,
    place: 'wellington',
    city: 'Wellington',
    region: 'wellington',
    priceRange: 'moderate',
    rating: [4.4, 30],
    tier: 'showcase',
  }),
  doc({
    id: 6,
    businessName: 'Northland Feast',
    category: CATERERS,
    place: 'whangarei',
    city: 'Whangārei',
    region: 'northland',
    priceRange: 'moderate',
    rating: [4.8, 15],
    verified: true,
  }),
  doc({
    id: 7,
    businessName: 'Auckland Snapshots',
    category: PHOTOGRAPHERS,
    place: 'auckland',
    city: 'Auckland',
    region: 'auckland',
    priceRange: 'premium',
    rating: [4.0, 5],
  }),
  doc({
    id: 8,
    businessName: 'Queen Street Catering',
    category: CATERERS,
    place: 'auckland',
    city: 'Auckland',
    region: 'auckland',
    priceRange: 'luxury',
    rating: [0, 0],
  }),
]

/** A database of its own on the test server, for specs that need SQL but not Payload. */
export const createScratchDatabase = async (name: string) => {
  const database = `test_${name}_${Date.now().toString(36)}`
  const admin = new pg.Client({
    connectionString: embeddedConnectionString(TEST_PG_PORT, 'postgres'),
  })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${database}"`)
  await admin.end()
  const pool = new pg.Pool({
    connectionString: embeddedConnectionString(TEST_PG_PORT, database),
    max: 4,
  })
  return {
    pool,
    drop: async () => {
      await pool.end()
      const client = new pg.Client({
        connectionString: embeddedConnectionString(TEST_PG_PORT, 'postgres'),
      })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await client.end()
    },
  }
}
