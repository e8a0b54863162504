import { EVENT_TYPES, RATING_DIMENSIONS } from '@/lib/constants'
import { idOf } from '@/lib/kit/ids'
import type { reviewsForVendorPage } from '@/lib/trust/queries'
import { EDIT_WINDOW_MS } from '@/lib/trust/rules'
import type { Media, User, Vendor } from '@/payload-types'

import { ReportReview, ResponseForm } from './ReviewInteractions'

type Data = Awaited<ReturnType<typeof reviewsForVendorPage>>

const Stars = ({ value, label }: { value: number; label?: string }) => (
  <span
    aria-label={label ?? `${value} out of 5 stars`}
    role="img"
    className="whitespace-nowrap text-amber-500"
  >
    {'★'.repeat(Math.round(value))}
    <span className="text-gray-300">{'★'.repeat(5 - Math.round(value))}</span>
  </span>
)

const monthYear = (value?: string | null) =>
  value
    ? new Date(value).toLocaleDateString('en-NZ', {
        month: 'long',
        year: 'numeric',
        timeZone: 'Pacific/Auckland',
      })
    : ''

/**
 * The reviews on a vendor's page: the average per dimension, then each published review with
 * its response. Review and response text are plain text, rendered by React and so escaped.
 */
export function ReviewsSection({
  data,
  vendor,
  user,
}: {
  data: Data
  vendor: Vendor
  user: User | null
}) {
  const rating = vendor.rating
  const isOwner = Boolean(user && idOf(vendor.owner) === user.id)
  return (
    <section aria-labelledby="reviews-heading" id="reviews" className="flex flex-col gap-4">
      <h2 id="reviews-heading" className="text-xl font-semibold">
        Reviews
      </h2>
      {!rating?.count ? (
        <p className="text-gray-600">
          No reviews yet. Reviews come only from organizers who booked {vendor.businessName} here.
        </p>
      ) : (
        <div className="card grid gap-4 p-4 sm:grid-cols-[auto_1fr]" data-testid="rating-summary">
          <div className="flex flex-col items-start">
            <span className="text-4xl font-bold" data-testid="rating-average">
              {Number(rating.average).toFixed(1)}
            </span>
            <Stars value={rating.average ?? 0} />
            <span className="text-sm text-gray-600">
              {rating.count} verified {rating.count === 1 ? 'review' : 'reviews'}
            </span>
          </div>
          <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1 text-sm">
            {RATING_DIMENSIONS.filter((d) => d.value !== 'overall').map((dimension) => {
              const value = Number(rating[dimension.value as keyof typeof rating] ?? 0)
              return (
                <div key={dimension.value} className="contents">
                  <dt className="text-gray-600">{dimension.label}</dt>
                  <dd className="h-2 rounded-full bg-gray-100" aria-hidden>
                    <div
                      className="h-2 rounded-full bg-amber-400"
                      style={{ width: `${(value / 5) * 100}%` }}
                    />
                  </dd>
                  <dd className="font-medium">{value.toFixed(1)}</dd>
                </div>
              )
            })}
          </dl>
        </div>
      )}
      <ul className="flex flex-col gap-3">
        {data.docs.map((review) => {
          const photos = (review.photos ?? []).filter((p): p is Media => typeof p === 'object')
          const eventType = EVENT_TYPES.find((t) => t.value === review.eventType)?.label
          const response = review.response
          const canEditResponse =
            response && Date.now() - new Date(response.createdAt).getTime() < EDIT_WINDOW_MS
          return (
            <li
              key={review.id}
              id={`review-${review.id}`}
              className="card flex flex-col gap-2 p-4"
              data-testid="review"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Stars value={review.ratings?.overall ?? 0} />
                <span className="text-xs text-gray-500">
                  {[eventType, monthYear(review.eventDate)].filter(Boolean).join(' · ')}
                </span>
              </div>
              <p
                className="whitespace-pre-wrap break-words text-gray-800"
                data-testid="review-text"
              >
                {review.text}
              </p>
              {photos.length > 0 && (
                <ul className="flex gap-2 overflow-x-auto">
                  {photos.map((photo) => (
                    <li key={photo.id}>
                      <a href={photo.url ?? '#'}>
                        <img
                          src={photo.sizes?.thumbnail?.url ?? photo.url ?? ''}
                          alt={photo.alt ?? ''}
                          width={120}
                          height={90}
                          loading="lazy"
                          className="h-20 w-28 rounded-md object-cover"
                        />
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <p className="text-sm text-gray-600">
                — {review.authorName}
                <span className="ml-2 rounded-full bg-green-50 px-2 py-0.5 text-xs text-green-800">
                  Booked on Event Pros
                </span>
              </p>
              {response && (
                <div
                  className="ml-3 border-l-2 border-brand-600 pl-3"
                  data-testid="review-response"
                >
                  <p className="text-sm font-semibold">Response from {vendor.businessName}</p>
                  <p className="whitespace-pre-wrap break-words text-sm text-gray-800">
                    {response.text}
                  </p>
                </div>
              )}
              {isOwner && (!response || canEditResponse) && (
                <ResponseForm
                  reviewId={review.id}
                  response={response ? { id: response.id, text: response.text } : null}
                />
              )}
              {user && !isOwner && <ReportReview reviewId={review.id} />}
            </li>
          )
        })}
      </ul>
      {data.totalPages > 1 && (
        <p className="text-sm text-gray-600">
          Showing the {data.docs.length} newest of {data.totalDocs} reviews.
        </p>
      )}
    </section>
  )
}
