import { evaluate, prepareOrders } from './evaluate'
import { addRow, type Copy, emptyCopy, removeRow, type Row } from './layout'
import {
  randomQuery,
  randomRow,
  randomText,
  reference,
  seeded,
  type Values,
  VALUES,
} from './referenceSearch'

/**
 * The in-memory search against the plain reference (referenceSearch.ts) while its copy changes
 * under it as the change log changes it in production: rows arrive a few at a time with
 * searches in between, changed rows take new slots (the old ones dead), rows go, and facet
 * values first appear late. Searched just before and just after the slots outgrow 2,048 and
 * 4,096 — where every bitset doubles, the working arrays of the earlier, smaller searches
 * stop fitting, and the fixed orders prepared for an empty copy have new slots merged in.
 */

/** Slot counts to search at: tiny, then either side of each doubling of the bitsets. */
const STOPS = [1, 2, 3, 10, 33, 200, 1000, 2047, 2048, 2049, 2100, 3000, 4095, 4096, 4097, 5000]

describe('the in-memory search as its copy grows', () => {
  it('gives the reference answer between batches of new, changed and removed rows', () => {
    const random = seeded(4096)
    const values: Values = {
      categories: VALUES.categories.slice(0, 3),
      regions: VALUES.regions.slice(0, 2),
      prices: VALUES.prices.slice(0, 2),
    }
    const copy: Copy = emptyCopy('generation-1', '1')
    // As a copy loaded from an empty table is: its fixed orders sorted while it had no slots.
    prepareOrders(copy)
    const rows = new Map<number, Row>()
    let nextId = 1
    const bitWordsSeen = new Set<number>()
    let compared = 0
    let broad = 0
    let paged = 0
    let replaced = 0
    let removed = 0

    const compare = (queries: number) => {
      for (let i = 0; i < queries; i++) {
        const query = randomQuery(random, values)
        const text = randomText(random)
        const expected = reference(rows, query, text)
        expect({
          slots: copy.ids.length,
          query,
          text,
          result: evaluate(copy, query, text),
        }).toEqual({ slots: copy.ids.length, query, text, result: expected })
        compared += 1
        if (expected.total > 1000) broad += 1
        if (expected.ids.length > 0) paged += 1
      }
    }

    for (const [stop, at] of STOPS.map((slots, i) => [slots, i] as const)) {
      // Values first seen after a doubling get bitsets of the new size; older ones were grown.
      if (stop === 2049 || stop === 4097) {
        values.categories.push(`late-category-${at}`)
        values.regions.push(`late-region-${at}`)
        values.prices.push(`late-price-${at}`)
      }
      while (copy.ids.length < stop) {
        const roll = random.next()
        if (roll < 0.15 && rows.size > 0) {
          // A changed row: a new slot, the old one dead (as the change log applies it).
          const id = random.int(1, nextId - 1)
          const next = randomRow(random, id, values)
          rows.set(id, next)
          addRow(copy, next)
          replaced += 1
        } else if (roll < 0.2 && rows.size > 0) {
          const id = random.int(1, nextId - 1)
          rows.delete(id)
          removeRow(copy, id)
          removed += 1
        } else {
          const next = randomRow(random, nextId++, values)
          rows.set(next.id, next)
          addRow(copy, next)
        }
      }
      expect(copy.ids.length).toBe(stop)
      bitWordsSeen.add(copy.bitWords)
      compare(stop < 100 ? 15 : 40)
    }

    // Searched at each of the three sizes the bitsets took, with replacements and removals
    // made between, and queries that found many, few and none.
    expect([...bitWordsSeen]).toEqual([64, 128, 256])
    expect(compared).toBe(15 * 5 + 40 * (STOPS.length - 5))
    expect(replaced).toBeGreaterThan(300)
    expect(removed).toBeGreaterThan(100)
    expect(broad).toBeGreaterThan(20)
    expect(paged).toBeGreaterThan(250)
  })
})
