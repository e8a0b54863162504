import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Checkout cancelled' }

/** Where Stripe Checkout returns when the vendor backs out: nothing was charged. */
export default function CheckoutCancelledPage() {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">Checkout cancelled</h1>
      <p>Nothing was charged and your plan has not changed.</p>
      <p className="flex flex-wrap gap-3">
        <Link className="btn" href="/pricing">
          Back to plans
        </Link>
        <a className="btn-secondary" href="/admin/billing">
          Billing
        </a>
      </p>
    </div>
  )
}
