import Link from 'next/link'

import { placeName, PRICE_RANGES } from '@/lib/constants'
import { newJobForVendors } from '@/lib/marketplace/invitationLimits'
import type { RequestableJob } from '@/lib/marketplace/queries'
import type { Vendor } from '@/payload-types'
import type { VendorHit } from '@/plugins/search'

import { Badges } from '../Badges'
import { RequestQuote } from '../invitations/RequestQuote'
import { type SavedListChoice, SaveVendor } from '../saved/SaveVendor'
import { Rating } from '../Rating'
import { placeholderTint } from '../VendorCard'

type Props = {
  vendor: VendorHit
  /** An organizer's lists: adds the "Save" button. */
  saveTo?: SavedListChoice[]
  /** An organizer's open jobs: adds "Request a quote". */
  requestFor?: RequestableJob[]
}

/** One search result, with an organizer's "Request a quote" and "Save" when they are given. */
export function ResultCard({ vendor, saveTo, requestFor }: Props) {
  const price = PRICE_RANGES.find((p) => p.value === vendor.priceRange)
  // The index copies the vendor's own tier; the search plugin's `VendorHit` types it as a string.
  const tier = vendor.tier as Vendor['tier']
  return (
    <article className="card flex flex-col overflow-hidden" data-testid="search-result">
      {vendor.cover ? (
        <img
          src={vendor.cover.url}
          alt={vendor.cover.alt}
          width={768}
          height={512}
          className="aspect-[3/2] w-full object-cover"
          loading="lazy"
        />
      ) : (
        <div
          aria-hidden
          className={`aspect-[3/2] bg-gradient-to-br ${placeholderTint(vendor.id)}`}
        />
      )}
      <div className="flex flex-1 flex-col gap-1 p-4">
        <h3 className="text-base font-semibold">
          <Link href={`/vendors/${vendor.slug}`} className="text-ink no-underline hover:underline">
            {vendor.businessName}
          </Link>
        </h3>
        <p className="text-sm text-gray-600">
          {placeName(vendor.location.city, vendor.location.regionLabel)}
          {vendor.distanceKm !== undefined ? (
            <span className="ml-2 font-medium text-gray-800" data-testid="distance">
              · {vendor.distanceKm.toFixed(1)} km away
            </span>
          ) : null}
          {price ? (
            <span className="ml-2 font-medium text-gray-800" title={`${price.label} prices`}>
              {price.symbol}
            </span>
          ) : null}
        </p>
        {vendor.tagline ? (
          <p className="line-clamp-2 text-sm text-gray-700">{vendor.tagline}</p>
        ) : null}
        <Rating average={vendor.rating.average} count={vendor.rating.count} />
        <Badges
          vendor={{ tier, verificationStatus: vendor.verified ? 'verified' : 'unverified' }}
        />
        {vendor.categories.length > 0 && (
          <p className="mt-auto pt-2 text-xs text-gray-500">
            {vendor.categories.map((c) => c.name).join(' · ')}
          </p>
        )}
        {(saveTo || requestFor) && (
          <div className="flex flex-wrap gap-2 pt-2">
            {requestFor && (
              <RequestQuote
                vendors={[{ id: vendor.id, name: vendor.businessName }]}
                jobs={requestFor}
                newJobHref={newJobForVendors([vendor.id])}
                variant="secondary"
                compact
              />
            )}
            {saveTo && (
              <SaveVendor
                vendorId={vendor.id}
                vendorName={vendor.businessName}
                lists={saveTo}
                compact
              />
            )}
          </div>
        )}
      </div>
    </article>
  )
}
