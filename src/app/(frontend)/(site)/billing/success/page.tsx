import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Thank you' }

/** Where Stripe Checkout returns after payment; the webhook, not this page, changes the plan. */
export default function CheckoutSuccessPage() {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">Thank you — payment received</h1>
      <p>
        Stripe is confirming your subscription; your new plan shows on your profile within a minute.
        A receipt with GST is on its way to your email.
      </p>
      <p className="flex flex-wrap gap-3">
        <a className="btn" href="/admin/billing">
          Go to Billing
        </a>
        <Link className="btn-secondary" href="/account">
          Your account
        </Link>
      </p>
    </div>
  )
}
