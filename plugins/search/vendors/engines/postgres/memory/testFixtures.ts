import { epochDay } from '../../../../shared/engine'
import { addRow, emptyCopy, type Row } from './layout'

/** A row of the search table as the in-memory copy reads it, for the copy's unit specs. */
export const row = (overrides: Partial<Row> & Pick<Row, 'id'>): Row => ({
  name_folded: `vendor ${overrides.id}`,
  tsv: `'vendor':1A`,
  category_slugs: [],
  region: 'wellington',
  price_range: 'moderate',
  price_rank: 2,
  rating_average: 0,
  rating_score: 4,
  rating_count: 0,
  tier_boost: 0,
  verified: false,
  lat: null,
  lng: null,
  closed: [],
  ...overrides,
})

export const WELLINGTON = { lat: -41.2865, lng: 174.7762 }

/** Three vendors, two in Wellington and one in Whangārei, with the tsvectors PostgreSQL writes. */
export const ROWS: Row[] = [
  row({
    id: 1,
    name_folded: 'harbour light catering',
    tsv: `'harbour':1A 'light':2A 'cater':3A 'caterer':4B 'wellington':5C`,
    category_slugs: ['caterers', 'food-drink'],
    price_range: 'premium',
    price_rank: 3,
    rating_average: 4.6,
    rating_score: 4.3,
    rating_count: 10,
    verified: true,
    lat: -41.28,
    lng: 174.77,
  }),
  row({
    id: 2,
    name_folded: 'harbour photos',
    tsv: `'harbour':1A 'photo':2A,6D 'photograph':3B 'wellington':4C`,
    category_slugs: ['photographers', 'photography-video'],
    price_range: 'budget',
    price_rank: 1,
    rating_average: 4,
    rating_score: 4,
    rating_count: 5,
    tier_boost: 2,
    lat: -41.2,
    lng: 174.9,
    // Closed 12 to 14 February 2027, inclusive: stored half-open.
    closed: [epochDay('2027-02-12'), epochDay('2027-02-15')],
  }),
  row({
    id: 3,
    name_folded: 'northern lights studio',
    tsv: `'northern':1A 'light':2A 'studio':3A 'photograph':4B 'whangarei':5C`,
    category_slugs: ['photographers', 'photography-video'],
    region: 'northland',
    price_range: 'luxury',
    price_rank: 4,
    rating_average: 3.2,
    rating_score: 3.8,
    rating_count: 2,
    tier_boost: 1,
    verified: true,
    lat: -35.72,
    lng: 174.32,
  }),
]

/** A copy holding ROWS. */
export const loadedCopy = () => {
  const copy = emptyCopy('generation-1', '100')
  for (const r of ROWS) addRow(copy, r)
  return copy
}
