import { SearchRequestError } from '../shared/request'
import { parseSearchRequest as parse } from './request'

/** The values the app's select fields have, as far as these cases need them. */
const values: Parameters<typeof parse>[1] = {
  regions: [
    { value: 'auckland', label: 'Auckland' },
    { value: 'wellington', label: 'Wellington' },
  ],
  priceRanges: ['budget', 'moderate', 'premium', 'luxury'].map((value) => ({
    value,
    label: value,
  })),
}
const parseSearchRequest = (raw: Record<string, unknown>) => parse(raw, values)

const problems = (raw: Record<string, unknown>) => {
  try {
    parseSearchRequest(raw)
  } catch (error) {
    if (error instanceof SearchRequestError) return error.details.map((d) => d.field)
    throw error
  }
  return []
}

describe('reading a VendorSearchRequest from a query string', () => {
  it('reads the nested form of the architecture notes', () => {
    expect(
      parseSearchRequest({
        query: 'dj',
        categories: ['djs', 'live-bands'],
        location: { lat: '-41.28', lng: '174.77', radius: '30' },
        priceRange: 'premium',
        rating: '4',
        availability: { startDate: '2027-02-12', endDate: '2027-02-13' },
        pagination: { page: '2', limit: '10' },
        sortBy: 'distance',
      }),
    ).toEqual(
      expect.objectContaining({
        query: 'dj',
        categories: ['djs', 'live-bands'],
        location: { lat: -41.28, lng: 174.77, radiusKm: 30 },
        priceRange: 'premium',
        minRating: 4,
        availability: { startDate: '2027-02-12', endDate: '2027-02-13' },
        page: 2,
        limit: 10,
        sort: 'distance',
      }),
    )
  })

  it('reads the short forms a person types, with defaults', () => {
    expect(
      parseSearchRequest({
        q: 'cake',
        near: 'Taupō',
        category: 'cakes-desserts,food-trucks',
        from: '2027-01-01',
        to: '2027-01-02',
      }),
    ).toEqual(
      expect.objectContaining({
        query: 'cake',
        categories: ['cakes-desserts', 'food-trucks'],
        location: { place: 'Taupō', radiusKm: null },
        availability: { startDate: '2027-01-01', endDate: '2027-01-02' },
        page: 1,
        limit: 20,
        sort: 'relevance',
        facets: true,
      }),
    )
    expect(parseSearchRequest({ lat: '-36.8', lng: '174.7' }).location).toEqual({
      lat: -36.8,
      lng: 174.7,
      radiusKm: 50,
    })
  })

  it('names every field that is wrong', () => {
    expect(
      problems({
        lat: '91',
        lng: 'east',
        radius: '-1',
        limit: '51',
        page: '1.5',
        sortBy: 'cheapest',
      }).sort(),
    ).toEqual(
      [
        'location.lat',
        'location.lng',
        'location.radius',
        'pagination.limit',
        'pagination.page',
        'sortBy',
      ].sort(),
    )
    expect(problems({ lat: '-41' })).toEqual(['location'])
    expect(problems({ lat: '-41', lng: '174', near: 'Napier' })).toEqual(['location'])
    expect(problems({ radius: '10' })).toEqual(['location'])
    expect(problems({ from: '2027-01-01' })).toEqual(['availability'])
    expect(problems({ from: '2027-01-01', to: '2028-06-01' })).toEqual(['availability'])
    expect(problems({ category: 'Not A Slug' })).toEqual(['categories.0'])
    expect(problems({ bounds: '1,2,3' })).toEqual(['bounds'])
    expect(problems({ bounds: '-40,175,-41,174' })).toEqual(['bounds'])
    expect(problems({ query: 'x'.repeat(201) })).toEqual(['query'])
  })
})
