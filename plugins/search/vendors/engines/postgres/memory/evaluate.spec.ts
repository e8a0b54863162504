import { type EngineQuery, vendorQuery as query } from '../../../types'
import { type AnalyzedToken, evaluate, topK } from './evaluate'
import { addRow } from './layout'
import { loadedCopy as loaded, ROWS, WELLINGTON } from './testFixtures'

/** Words as PostgreSQL would analyse them: the last one a prefix. */
const words = (...tokens: (Partial<AnalyzedToken> & { options: string[] })[]) => ({
  tokens: tokens.map((token, i) => ({
    lexemes: token.options,
    prefix: i === tokens.length - 1,
    stopword: false,
    ...token,
  })),
  folded: tokens.map((token) => token.options[0]).join(' '),
})

const ids = (overrides: Partial<EngineQuery>, text: ReturnType<typeof words> | null = null) =>
  evaluate(loaded(), query(overrides), text).ids

describe('evaluating a search against the in-memory copy', () => {
  it('lists every vendor by tier boost, then rating score, when nothing is asked', () => {
    const result = evaluate(loaded(), query(), null)
    expect(result.ids).toEqual([2, 3, 1])
    expect(result.total).toBe(3)
  })

  it('sorts by rating and by price', () => {
    expect(ids({ sort: 'rating' })).toEqual([1, 2, 3])
    expect(ids({ sort: 'price' })).toEqual([2, 1, 3])
  })

  it('needs every word, the last as a prefix, and ranks the exact name first', () => {
    expect(
      ids(
        {},
        words({ options: ['harbour'] }, { options: ['photos'], lexemes: ['photos', 'photo'] }),
      ),
    ).toEqual([2])
    // Both names start with "harbour"; the tier boost puts the spotlight vendor first.
    expect(ids({}, words({ options: ['harbour'] }))).toEqual([2, 1])
    expect(ids({}, words({ options: ['ligh'] }))).toEqual([3, 1])
    expect(ids({}, words({ options: ['harbour'] }, { options: ['studio'] }))).toEqual([])
  })

  it('does not require a stop word', () => {
    const text = words(
      { options: ['the'], stopword: true, prefix: false },
      { options: ['harbour'] },
    )
    expect(ids({}, text).sort()).toEqual([1, 2])
  })

  it('filters by category, region, price, rating and verified', () => {
    expect(ids({ categories: ['photography-video'] })).toEqual([2, 3])
    expect(ids({ categories: ['caterers', 'photographers'] })).toEqual([2, 3, 1])
    expect(ids({ region: 'northland' })).toEqual([3])
    expect(ids({ region: 'otago' })).toEqual([])
    expect(ids({ priceRange: 'budget' })).toEqual([2])
    expect(ids({ minRating: 4 })).toEqual([2, 1])
    expect(ids({ verifiedOnly: true })).toEqual([3, 1])
  })

  it('keeps a radius, sorts by distance, and keeps a map box', () => {
    expect(ids({ near: { ...WELLINGTON, radiusKm: 30 }, sort: 'distance' })).toEqual([1, 2])
    expect(ids({ near: { ...WELLINGTON, radiusKm: 5 } })).toEqual([1])
    expect(ids({ bounds: { south: -41.25, west: 174.8, north: -41.1, east: 175 } })).toEqual([2])
  })

  it('leaves out a vendor closed on any day asked for', () => {
    const on = (startDate: string, endDate: string) => ids({ availability: { startDate, endDate } })
    expect(on('2027-02-13', '2027-02-13')).toEqual([3, 1])
    expect(on('2027-02-10', '2027-02-12')).toEqual([3, 1])
    expect(on('2027-02-15', '2027-02-16')).toEqual([2, 3, 1])
  })

  it('counts every facet over the matches, listing only values with a match', () => {
    expect(evaluate(loaded(), query(), null).facets).toEqual({
      categories: { caterers: 1, 'food-drink': 1, photographers: 2, 'photography-video': 2 },
      regions: { wellington: 2, northland: 1 },
      priceRanges: { premium: 1, budget: 1, luxury: 1 },
      ratings: { '4.5': 1, '4': 2, '3': 3 },
      verified: 2,
    })
    const wellington = evaluate(loaded(), query({ region: 'wellington' }), null).facets!
    expect(wellington.regions).toEqual({ wellington: 2 })
    expect(wellington.verified).toBe(1)
    expect(evaluate(loaded(), query({ facets: false }), null).facets).toBeNull()
  })

  it('pages through the matches with an exact total', () => {
    expect(evaluate(loaded(), query({ page: 2, limit: 1 }), null)).toMatchObject({
      ids: [3],
      total: 3,
    })
    expect(evaluate(loaded(), query({ page: 4, limit: 1 }), null)).toMatchObject({
      ids: [],
      total: 3,
    })
  })

  it('finds a replaced vendor as it is now, not as it was', () => {
    const copy = loaded()
    addRow(copy, { ...ROWS[1]!, region: 'northland' })
    expect(evaluate(copy, query({ region: 'wellington' }), null).ids).toEqual([1])
    expect(evaluate(copy, query({ region: 'northland' }), null).ids).toEqual([2, 3])
    expect(evaluate(copy, query(), null).total).toBe(3)
  })
})

describe('keeping the best k', () => {
  it('returns the k best in order', () => {
    const lower = (a: number, b: number) => a < b
    expect(topK([5, 1, 4, 2, 3], 3, lower)).toEqual([1, 2, 3])
    expect(topK([5, 1, 4], 10, lower)).toEqual([1, 4, 5])
    expect(topK([5, 1, 4], 0, lower)).toEqual([])
  })
})
