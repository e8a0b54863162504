/** The collections billing adds. Their slugs name their tables, so they stay as they are. */
export const billingSlugs = {
  subscriptions: 'subscriptions',
  payments: 'payments',
  billingEvents: 'billing-events',
} as const
