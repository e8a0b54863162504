import {
  addRow,
  bucketOf,
  isVerified,
  lexemesWithPrefix,
  pack,
  parseTsvector,
  POSTING_SHIFT,
  priceOf,
  regionOf,
  removeRow,
} from './layout'
import { loadedCopy as loaded, ROWS, row } from './testFixtures'

describe('the in-memory copy’s layout', () => {
  it('reads a tsvector as lexemes with their best weight class and repeat count', () => {
    expect(parseTsvector(`'band':3A,5B 'photo':7 'o''brien':1C 'plain'`)).toEqual([
      { lexeme: 'band', weight: 0, count: 2 },
      { lexeme: 'photo', weight: 3, count: 1 },
      { lexeme: "o'brien", weight: 2, count: 1 },
      { lexeme: 'plain', weight: 3, count: 1 },
    ])
  })

  it('packs the facet fields of a vendor into one number and reads them back', () => {
    const bits = pack({ region: 1200, price: 200, bucket: 3, verified: true })
    expect([regionOf(bits), priceOf(bits), bucketOf(bits), isVerified(bits)]).toEqual([
      1200,
      200,
      3,
      true,
    ])
    const none = pack({ region: 0, price: 0, bucket: 0, verified: false })
    expect([regionOf(none), priceOf(none), bucketOf(none), isVerified(none)]).toEqual([
      0,
      0,
      0,
      false,
    ])
  })

  it('lays rows out in slots, one column each, with lists of slots per value', () => {
    const copy = loaded()
    expect(copy.ids).toEqual([1, 2, 3])
    expect(copy.liveCount).toBe(3)
    expect(copy.regions.values).toEqual(['wellington', 'northland'])
    expect(copy.byRegion).toEqual([[0, 1], [2]])
    expect(copy.categories.values).toEqual([
      'caterers',
      'food-drink',
      'photographers',
      'photography-video',
    ])
    expect(copy.byCategory).toEqual([[0], [0], [1, 2], [1, 2]])
    // Slot 1's categories sit at categoryStart[1] … categoryStart[2] of the flat list.
    expect(copy.categoryFlat.slice(copy.categoryStart[1], copy.categoryStart[2])).toEqual([2, 3])
    const bits = copy.facetBits[0]!
    expect(copy.regions.values[regionOf(bits)]).toBe('wellington')
    expect(copy.priceRanges.values[priceOf(bits)]).toBe('premium')
    // 4.6 reaches every rating threshold (4.5, 4 and 3).
    expect(bucketOf(bits)).toBe(3)
    expect(isVerified(bits)).toBe(true)
    expect(bucketOf(copy.facetBits[2]!)).toBe(1)
    expect(copy.closed).toEqual([null, ROWS[1]!.closed, null])
  })

  it('indexes each lexeme to the slots holding it, with weight and count', () => {
    const copy = loaded()
    const slots = (lexeme: string) => copy.postings.get(lexeme)!.map((p) => p >>> POSTING_SHIFT)
    expect(slots('harbour')).toEqual([0, 1])
    expect(slots('light')).toEqual([0, 2])
    const [photo] = copy.postings.get('photo')!
    // Weight class A (0) at its best, seen twice.
    expect([photo! >>> POSTING_SHIFT, (photo! >> 2) & 3, photo! & 3]).toEqual([1, 0, 1])
  })

  it('finds lexemes by prefix, and sees a lexeme that arrives later', () => {
    const copy = loaded()
    expect(lexemesWithPrefix(copy, 'photo')).toEqual(['photo', 'photograph'])
    expect(lexemesWithPrefix(copy, 'x')).toEqual([])
    addRow(copy, row({ id: 4, tsv: `'photobooth':1A` }))
    expect(lexemesWithPrefix(copy, 'photo')).toEqual(['photo', 'photobooth', 'photograph'])
  })

  it('leaves a dead slot where a row is replaced or removed', () => {
    const copy = loaded()
    addRow(copy, { ...ROWS[0]!, name_folded: 'renamed' })
    expect(copy.ids).toEqual([1, 2, 3, 1])
    expect(copy.alive).toEqual([false, true, true, true])
    expect(copy.slotById.get(1)).toBe(3)
    expect(copy.liveCount).toBe(3)
    removeRow(copy, 2)
    removeRow(copy, 99)
    expect(copy.alive).toEqual([false, false, true, true])
    expect(copy.slotById.has(2)).toBe(false)
    expect(copy.liveCount).toBe(2)
  })

  it('puts located vendors in map cells, and leaves the rest out', () => {
    const copy = loaded()
    addRow(copy, row({ id: 4 }))
    const located = [...copy.byCell.values()].flat().sort()
    expect(located).toEqual([0, 1, 2])
    expect(Number.isNaN(copy.lat[3]!)).toBe(true)
  })
})
