import Link from 'next/link'

import { placeName, PRICE_RANGES, regionLabel } from '@/lib/constants'
import type { Category, Media, Vendor } from '@/payload-types'

import { Badges } from './Badges'
import { Rating } from './Rating'

const PLACEHOLDER_TINTS = [
  'from-teal-600 to-emerald-400',
  'from-sky-700 to-cyan-400',
  'from-amber-600 to-orange-300',
  'from-rose-600 to-pink-300',
  'from-indigo-700 to-violet-400',
]

/** A stable colour per vendor until they upload photos. */
export const placeholderTint = (vendorId: number): string =>
  PLACEHOLDER_TINTS[vendorId % PLACEHOLDER_TINTS.length]!

export const coverImage = (vendor: Vendor): Media | null => {
  const first = vendor.portfolio?.[0]
  return first && typeof first === 'object' ? first : null
}

export function VendorCard({ vendor }: { vendor: Vendor }) {
  const cover = coverImage(vendor)
  const categories = (vendor.categories ?? []).filter((c): c is Category => typeof c === 'object')
  const price = PRICE_RANGES.find((p) => p.value === vendor.priceRange)
  return (
    <article className="card flex flex-col overflow-hidden">
      {cover?.sizes?.card?.url ? (
        <img
          src={cover.sizes.card.url}
          alt={cover.alt ?? ''}
          width={768}
          height={512}
          className="aspect-[3/2] w-full object-cover"
          loading="lazy"
        />
      ) : (
        <div
          aria-hidden
          className={`flex aspect-[3/2] items-center justify-center bg-gradient-to-br text-5xl ${placeholderTint(vendor.id)}`}
        >
          {categories[0]?.icon ?? '✨'}
        </div>
      )}
      <div className="flex flex-1 flex-col gap-1 p-4">
        <h3 className="text-base font-semibold">
          <Link href={`/vendors/${vendor.slug}`} className="text-ink no-underline hover:underline">
            {vendor.businessName}
          </Link>
        </h3>
        <p className="text-sm text-gray-600">
          {placeName(vendor.location.city, regionLabel(vendor.location.region))}
          {price ? (
            <span className="ml-2 font-medium text-gray-800" title={`${price.label} prices`}>
              {price.symbol}
            </span>
          ) : null}
        </p>
        <Rating average={vendor.rating?.average} count={vendor.rating?.count} />
        <Badges vendor={vendor} />
        {categories.length > 0 && (
          <p className="mt-auto pt-2 text-xs text-gray-500">
            {categories.map((c) => c.name).join(' · ')}
          </p>
        )}
      </div>
    </article>
  )
}
