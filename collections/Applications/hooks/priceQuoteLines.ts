import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { lineItemProblem, MAX_LINE_ITEMS, priceQuote } from '@/lib/kit/money'
import type { Application } from '@/payload-types'

type LineItem = NonNullable<Application['lineItems']>[number]

/**
 * Totals are the server's arithmetic on the line items, in integer cents: whatever subtotal,
 * GST or total a client sends is replaced (those fields cannot be written anyway).
 */
export const priceQuoteLines: CollectionBeforeChangeHook<Application> = ({
  collection,
  data,
  operation,
  originalDoc,
}) => {
  if (operation === 'update' && data.lineItems === undefined) return data
  const items = (data.lineItems ?? originalDoc?.lineItems ?? []) as LineItem[]
  const errors = items.flatMap((item, index) => {
    const problem =
      item && typeof item === 'object'
        ? lineItemProblem(item)
        : 'Each line needs a description, a quantity and a unit price.'
    return problem ? [{ path: `lineItems.${index}`, message: `Line ${index + 1}: ${problem}` }] : []
  })
  if (items.length === 0)
    errors.push({ path: 'lineItems', message: 'Add at least one line to the quote.' })
  if (items.length > MAX_LINE_ITEMS) {
    errors.push({ path: 'lineItems', message: `A quote can have at most ${MAX_LINE_ITEMS} lines.` })
  }
  if (errors.length) throw new ValidationError({ collection: collection.slug, errors })
  const priced = priceQuote(items)
  return {
    ...data,
    lineItems: priced.lineItems.map((item, index) => ({ ...items[index], ...item })),
    subtotalCents: priced.subtotalCents,
    gstCents: priced.gstCents,
    totalCents: priced.totalCents,
  }
}
