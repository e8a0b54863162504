import Link from 'next/link'

import { MessageButton } from '@/components/messaging/MessageButton'
import { Rating } from '@/components/Rating'
import { formatCents } from '@/lib/kit/money'
import type { QuoteComparison as Quote } from '@/lib/marketplace/quotes'

import { ActionButton } from './ActionButton'
import { formatNzDate } from './format'
import { StatusPill } from './StatusPill'

const responseLabel = (hours: number | null) =>
  hours == null
    ? 'Not known yet'
    : hours < 1
      ? 'Within an hour'
      : hours < 24
        ? `Within ${Math.round(hours)} hours`
        : hours < 36
          ? 'Within a day'
          : `About ${Math.round(hours / 24)} days`

/**
 * The quotes on one job side by side: columns on a wide screen, a row to swipe on a phone.
 * Cheapest first; shortlist, accept or decline from each while the job is open.
 */
export function QuoteComparison({
  jobId,
  quotes,
  jobOpen,
}: {
  jobId: number
  quotes: Quote[]
  jobOpen: boolean
}) {
  if (quotes.length === 0) {
    return (
      <p className="card p-5">No quotes yet. Matching vendors have been told about your job.</p>
    )
  }
  const lowest = Math.min(
    ...quotes.filter((q) => q.status !== 'withdrawn').map((q) => q.totalCents),
  )
  return (
    <ul
      className="-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-2 lg:mx-0 lg:grid lg:grid-cols-3 lg:overflow-visible lg:px-0"
      aria-label="Quotes"
    >
      {quotes.map((quote) => {
        const open = jobOpen && (quote.status === 'submitted' || quote.status === 'shortlisted')
        return (
          <li
            key={quote.id}
            className="card relative flex w-[85%] shrink-0 snap-start flex-col gap-3 p-4 sm:w-80 lg:w-auto"
            data-testid="quote-card"
          >
            <div className="flex items-center justify-between gap-2">
              <StatusPill status={quote.status} />
              {quote.totalCents === lowest && quotes.length > 1 && (
                <span className="text-xs font-semibold text-brand-700">Lowest price</span>
              )}
            </div>
            <div>
              <h3 className="text-lg font-semibold">
                {quote.vendor.slug ? (
                  <Link href={`/vendors/${quote.vendor.slug}`}>{quote.vendor.businessName}</Link>
                ) : (
                  quote.vendor.businessName
                )}
              </h3>
              {quote.vendor.verified && (
                <p className="text-xs font-semibold text-green-800">✓ Verified business</p>
              )}
              <Rating average={quote.vendor.rating.average} count={quote.vendor.rating.count} />
            </div>
            <p>
              <span className="text-2xl font-bold">{formatCents(quote.totalCents)}</span>{' '}
              <span className="text-sm text-gray-600">incl. GST</span>
            </p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              <dt className="text-gray-600">Subtotal</dt>
              <dd>{formatCents(quote.subtotalCents)}</dd>
              <dt className="text-gray-600">GST 15%</dt>
              <dd>{formatCents(quote.gstCents)}</dd>
              <dt className="text-gray-600">Distance</dt>
              <dd>
                {quote.vendor.distanceKm == null
                  ? '—'
                  : `${quote.vendor.distanceKm} km (${quote.vendor.city})`}
              </dd>
              <dt className="text-gray-600">Replies</dt>
              <dd>{responseLabel(quote.vendor.medianResponseHours)}</dd>
              <dt className="text-gray-600">Valid until</dt>
              <dd>{formatNzDate(quote.validUntil)}</dd>
            </dl>
            <details className="text-sm">
              <summary className="cursor-pointer font-medium">
                {quote.lineItems.length} {quote.lineItems.length === 1 ? 'line' : 'lines'}
              </summary>
              <table className="mt-2 w-full text-left">
                <tbody>
                  {quote.lineItems.map((line, index) => (
                    <tr key={index} className="border-t border-gray-100">
                      <td className="py-1 pr-2">
                        {line.description} × {line.quantity}
                      </td>
                      <td className="py-1 text-right">{formatCents(line.totalCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            <p className="whitespace-pre-line text-sm">{quote.message}</p>
            <MessageButton
              vendorId={quote.vendor.id}
              label={`Message ${quote.vendor.businessName}`}
            />
            {open && (
              <div className="mt-auto flex flex-col gap-2">
                <ActionButton
                  action={`/api/applications/${quote.id}/accept`}
                  label={`Accept ${quote.vendor.businessName}`}
                  busyLabel="Booking…"
                  variant="primary"
                  confirm={{
                    title: `Book ${quote.vendor.businessName}?`,
                    text: `You accept their quote of ${formatCents(quote.totalCents)} incl. GST. The other quotes on this job will be declined, and this cannot be undone.`,
                    confirmLabel: 'Accept quote',
                  }}
                  then={`/my-jobs/${jobId}?booked=${quote.id}`}
                />
                <div className="grid grid-cols-2 gap-2">
                  {quote.status === 'submitted' && (
                    <ActionButton
                      action={`/api/applications/${quote.id}/shortlist`}
                      label="Shortlist"
                      success={`You shortlisted ${quote.vendor.businessName}. We've let them know.`}
                    />
                  )}
                  <ActionButton
                    action={`/api/applications/${quote.id}/decline`}
                    label="Decline"
                    variant="danger"
                    confirm={{
                      title: `Decline ${quote.vendor.businessName}?`,
                      text: `Their quote is closed and we let them know. This cannot be undone.`,
                      confirmLabel: 'Decline quote',
                    }}
                    success={`You declined the quote from ${quote.vendor.businessName}.`}
                  />
                </div>
              </div>
            )}
          </li>
        )
      })}
    </ul>
  )
}
