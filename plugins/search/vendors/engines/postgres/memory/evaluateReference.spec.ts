import { evaluate } from './evaluate'
import { addRow, type Copy, emptyCopy, removeRow, type Row } from './layout'
import { randomQuery, randomRow, randomText, reference, seeded } from './referenceSearch'

/**
 * The in-memory search against the plainest way to get the same answer (referenceSearch.ts).
 * Thousands of random vendors and queries, so a wrong bitset intersection, a wrong facet count
 * or a wrong top-k (either of the two ways the engine picks) shows up as a difference.
 */

describe('the in-memory search against a plain reference', () => {
  it('gives the same page, total and facets for a thousand random queries', () => {
    const random = seeded(21)
    const copy: Copy = emptyCopy('generation-1', '1')
    const rows = new Map<number, Row>()
    const write = (r: Row) => {
      rows.set(r.id, r)
      addRow(copy, r)
    }
    for (let id = 1; id <= 3000; id++) write(randomRow(random, id))
    let compared = 0
    let broad = 0
    let paged = 0
    const compare = (queries: number) => {
      for (let i = 0; i < queries; i++) {
        const query = randomQuery(random)
        const text = randomText(random)
        const expected = reference(rows, query, text)
        expect({ query, text, result: evaluate(copy, query, text) }).toEqual({
          query,
          text,
          result: expected,
        })
        compared += 1
        if (expected.total > 1000) broad += 1
        if (expected.ids.length > 0) paged += 1
      }
    }
    compare(500)
    // Rows replaced (dead slots, new slots sorted into the fixed orders) and removed.
    for (let n = 0; n < 300; n++) write(randomRow(random, random.int(1, 3200)))
    for (let n = 0; n < 100; n++) {
      const id = random.int(1, 3200)
      rows.delete(id)
      removeRow(copy, id)
    }
    compare(500)
    // The comparison is only worth something if the queries found things, broad and narrow.
    expect(compared).toBe(1000)
    expect(broad).toBeGreaterThan(50)
    expect(paged).toBeGreaterThan(400)
  })
})
