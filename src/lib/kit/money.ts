/**
 * Quote arithmetic in integer cents (NZD). Prices are entered GST-exclusive, as NZ businesses
 * quote each other; GST is 15% of the subtotal, rounded half up to the cent once, on the
 * subtotal — never per line, so the invoice adds up the way IRD expects.
 */

export const GST_RATE_PERCENT = 15
export const MAX_LINE_ITEMS = 30
export const MAX_UNIT_PRICE_CENTS = 100_000_000 // $1,000,000
export const MAX_QUANTITY = 10_000

export type LineItemInput = { description: string; quantity: number; unitPriceCents: number }
export type PricedLineItem = LineItemInput & { totalCents: number }
export type QuoteTotals = {
  lineItems: PricedLineItem[]
  subtotalCents: number
  gstCents: number
  totalCents: number
}

/** `numerator / denominator` rounded half up, for non-negative integers. */
const divideRoundingHalfUp = (numerator: number, denominator: number): number =>
  Math.floor((2 * numerator + denominator) / (2 * denominator))

/** Quantities may have up to two decimals (2.5 hours); kept as hundredths so no float drifts. */
export const quantityHundredths = (quantity: number): number => Math.round(quantity * 100)

export const lineTotalCents = (quantity: number, unitPriceCents: number): number =>
  divideRoundingHalfUp(quantityHundredths(quantity) * unitPriceCents, 100)

export const gstOn = (subtotalCents: number): number =>
  divideRoundingHalfUp(subtotalCents * GST_RATE_PERCENT, 100)

/** Reasons a line item cannot be priced, or null. */
export const lineItemProblem = (item: Partial<LineItemInput>): string | null => {
  if (typeof item.description !== 'string' || !item.description.trim()) return 'Describe the item.'
  if (item.description.length > 200) return 'Keep the description under 200 characters.'
  const { quantity, unitPriceCents } = item
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) {
    return 'Quantity must be more than zero.'
  }
  if (quantity > MAX_QUANTITY)
    return `Quantity can be at most ${MAX_QUANTITY.toLocaleString('en-NZ')}.`
  if (Math.abs(quantity * 100 - quantityHundredths(quantity)) > 1e-6) {
    return 'Quantity can have at most two decimals.'
  }
  if (
    typeof unitPriceCents !== 'number' ||
    !Number.isInteger(unitPriceCents) ||
    unitPriceCents < 0
  ) {
    return 'Unit price must be a whole number of cents, zero or more.'
  }
  if (unitPriceCents > MAX_UNIT_PRICE_CENTS) return 'Unit price can be at most $1,000,000.'
  return null
}

export const priceQuote = (items: LineItemInput[]): QuoteTotals => {
  const lineItems = items.map((item) => ({
    description: item.description.trim(),
    quantity: quantityHundredths(item.quantity) / 100,
    unitPriceCents: item.unitPriceCents,
    totalCents: lineTotalCents(item.quantity, item.unitPriceCents),
  }))
  const subtotalCents = lineItems.reduce((sum, item) => sum + item.totalCents, 0)
  const gstCents = gstOn(subtotalCents)
  return { lineItems, subtotalCents, gstCents, totalCents: subtotalCents + gstCents }
}

const nzd = new Intl.NumberFormat('en-NZ', { style: 'currency', currency: 'NZD' })

export const formatCents = (cents: number | null | undefined): string =>
  nzd.format((cents ?? 0) / 100)

export const formatDollars = (dollars: number | null | undefined): string =>
  new Intl.NumberFormat('en-NZ', {
    style: 'currency',
    currency: 'NZD',
    maximumFractionDigits: 0,
  }).format(dollars ?? 0)
