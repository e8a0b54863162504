import { formatCents, gstOn, lineItemProblem, lineTotalCents, priceQuote } from './money'

describe('quote arithmetic', () => {
  it('adds GST once on the subtotal, rounding half up to the cent', () => {
    // 3 × $33.33 = $99.99; GST 15% = $14.9985 → $15.00; total $114.99
    expect(priceQuote([{ description: 'Canapés', quantity: 3, unitPriceCents: 3333 }])).toEqual({
      lineItems: [{ description: 'Canapés', quantity: 3, unitPriceCents: 3333, totalCents: 9999 }],
      subtotalCents: 9999,
      gstCents: 1500,
      totalCents: 11499,
    })
  })

  it('does not drift on quantities with decimals that floats cannot hold', () => {
    // 0.1 + 0.2 style traps: 2.55 h × $19.99 = $50.9745 → $50.97
    expect(lineTotalCents(2.55, 1999)).toBe(5097)
    // 1.005 × 100 is 100.49999… in floating point; we keep hundredths as integers.
    expect(lineTotalCents(0.15, 333)).toBe(50)
    expect(lineTotalCents(0.5, 1)).toBe(1)
  })

  it('rounds exact half cents up, and GST of one cent rounds to zero', () => {
    expect(gstOn(10)).toBe(2) // 1.5 → 2
    expect(gstOn(30)).toBe(5) // 4.5 → 5
    expect(gstOn(1)).toBe(0) // 0.15 → 0
    expect(gstOn(0)).toBe(0)
  })

  it('totals many lines exactly, the sum of lines plus GST of the sum', () => {
    const quote = priceQuote([
      { description: 'Photographer, hours', quantity: 7.5, unitPriceCents: 18_999 },
      { description: 'Second shooter', quantity: 1, unitPriceCents: 45_000 },
      { description: 'Album', quantity: 2, unitPriceCents: 0 },
    ])
    expect(quote.lineItems.map((item) => item.totalCents)).toEqual([142_493, 45_000, 0])
    expect(quote.subtotalCents).toBe(187_493)
    expect(quote.gstCents).toBe(28_124) // 28,123.95
    expect(quote.totalCents).toBe(215_617)
    expect(formatCents(quote.totalCents)).toBe('$2,156.17')
  })

  it('handles the largest allowed line without losing cents', () => {
    const quote = priceQuote([
      { description: 'Venue', quantity: 10_000, unitPriceCents: 100_000_000 },
    ])
    expect(quote.subtotalCents).toBe(1_000_000_000_000)
    expect(quote.totalCents).toBe(1_150_000_000_000)
  })

  it('explains each line it cannot price', () => {
    expect(lineItemProblem({ description: 'x', quantity: -1, unitPriceCents: 100 })).toMatch(
      /more than zero/,
    )
    expect(lineItemProblem({ description: 'x', quantity: 0, unitPriceCents: 100 })).toMatch(
      /more than zero/,
    )
    expect(lineItemProblem({ description: 'x', quantity: 1.234, unitPriceCents: 100 })).toMatch(
      /two decimals/,
    )
    expect(lineItemProblem({ description: 'x', quantity: 1, unitPriceCents: 10.5 })).toMatch(
      /whole number/,
    )
    expect(lineItemProblem({ description: 'x', quantity: 1, unitPriceCents: -5 })).toMatch(
      /whole number/,
    )
    expect(lineItemProblem({ description: ' ', quantity: 1, unitPriceCents: 5 })).toMatch(
      /Describe/,
    )
    expect(lineItemProblem({ description: 'ok', quantity: 2.5, unitPriceCents: 5 })).toBeNull()
  })
})
