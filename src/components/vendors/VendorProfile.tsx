import { RichText } from '@payloadcms/richtext-lexical/react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { Badges } from '@/components/Badges'
import { CalendarMonths } from '@/components/calendar/CalendarMonths'
import { RequestQuote } from '@/components/invitations/RequestQuote'
import { MessageButton } from '@/components/messaging/MessageButton'
import { SaveVendor } from '@/components/saved/SaveVendor'
import { Rating } from '@/components/Rating'
import { ReviewsSection } from '@/components/reviews/ReviewsSection'
import { ProfileViewBeacon } from '@/components/vendors/ProfileViewBeacon'
import { coverImage } from '@/components/VendorCard'
import { placeName, PRICE_RANGES, regionLabel } from '@/lib/constants'
import { vendorBySlug } from '@/lib/queries'
import { reviewsForVendorPage } from '@/lib/trust/queries'
import { availabilityForPage } from '@/lib/calendar/queries'
import { newJobForVendors } from '@/lib/marketplace/invitationLimits'
import { jobsOpenForRequests } from '@/lib/marketplace/queries'
import { saveChoicesFor, savedListsOf } from '@/lib/saved/queries'
import type { Category, Media, User } from '@/payload-types'
import { entitlementsOf } from '@/plugins/billing'

/** "within an hour", "in about 5 hours", "in about 2 days". */
/** The cover's sizes for `srcset`: the card's (768 wide) and the hero's. */
const heroSrcSet = (cover: Media): string | undefined => {
  const sizes = [cover.sizes?.card, cover.sizes?.hero].filter(
    (size): size is { url: string; width: number } => Boolean(size?.url && size.width),
  )
  return sizes.length ? sizes.map((size) => `${size.url} ${size.width}w`).join(', ') : undefined
}

const replyTime = (hours: number) =>
  hours < 1
    ? 'within an hour'
    : hours < 48
      ? `in about ${Math.round(hours)} hours`
      : `in about ${Math.round(hours / 24)} days`

/** The page's title and description, as `viewer` may see the vendor. */
export async function vendorProfileMetadata(slug: string, viewer: User | null): Promise<Metadata> {
  const vendor = await vendorBySlug(slug, viewer)
  return vendor
    ? {
        title: `${vendor.businessName} — ${vendor.location.city}`,
        description: vendor.tagline ?? undefined,
      }
    : {}
}

/**
 * A vendor's public page as `user` sees it. With no user it is the same for every anonymous
 * visitor, which is how `cached/vendors/[slug]` serves it from Next's cache.
 */
export async function VendorProfile({ slug, user }: { slug: string; user: User | null }) {
  const vendor = await vendorBySlug(slug, user)
  if (!vendor) notFound()
  const categories = (vendor.categories ?? []).filter((c): c is Category => typeof c === 'object')
  // A vendor who moved down a tier keeps their images; the profile shows what the tier allows.
  const portfolio = (vendor.portfolio ?? [])
    .filter((m): m is Media => typeof m === 'object')
    .slice(0, entitlementsOf(vendor.tier).portfolioImages)
  const price = PRICE_RANGES.find((p) => p.value === vendor.priceRange)
  const cover = coverImage(vendor)
  const [reviews, availability, organizerJobs, organizerLists] = await Promise.all([
    reviewsForVendorPage(vendor.id, user),
    availabilityForPage(vendor.id),
    jobsOpenForRequests(user),
    savedListsOf(user),
  ])
  const stats = vendor.responseStats
  return (
    <article className="flex flex-col gap-8">
      <ProfileViewBeacon vendorId={vendor.id} />
      {vendor.status !== 'active' && (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          This profile is a draft: only you and our team can see it.
        </p>
      )}
      <header className="flex flex-col gap-3">
        {cover?.sizes?.hero?.url && (
          <img
            src={cover.sizes.hero.url}
            // A phone takes the 768-pixel card size; a wide screen the hero (at most 1,600).
            srcSet={heroSrcSet(cover)}
            sizes="(min-width: 1024px) 1024px, 100vw"
            alt={cover.alt ?? ''}
            width={cover.sizes.hero.width ?? undefined}
            height={cover.sizes.hero.height ?? undefined}
            // The page's largest paint: fetched before the scripts, not after them.
            fetchPriority="high"
            className="aspect-[21/9] w-full rounded-2xl object-cover"
          />
        )}
        <h1 className="text-3xl font-bold">{vendor.businessName}</h1>
        {vendor.tagline && <p className="text-lg text-gray-700">{vendor.tagline}</p>}
        <div className="flex flex-wrap items-center gap-3">
          <a href="#reviews" className="no-underline">
            <Rating average={vendor.rating?.average} count={vendor.rating?.count} />
          </a>
          <Badges vendor={vendor} />
        </div>
      </header>

      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-6">
          <section aria-labelledby="about-heading">
            <h2 id="about-heading" className="text-xl font-semibold">
              About
            </h2>
            <div className="mt-2 flex flex-col gap-3 text-gray-800 [&_p]:mb-1">
              {vendor.description ? (
                <RichText data={vendor.description} />
              ) : (
                <p>No description yet.</p>
              )}
            </div>
          </section>
          <section aria-labelledby="portfolio-heading">
            <h2 id="portfolio-heading" className="text-xl font-semibold">
              Portfolio
            </h2>
            {portfolio.length === 0 ? (
              <p className="mt-2 text-gray-600">No photos yet.</p>
            ) : (
              <ul className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3">
                {portfolio.map((item) => (
                  <li key={item.id}>
                    <a href={item.url ?? '#'}>
                      <img
                        src={item.sizes?.thumbnail?.url ?? item.url ?? ''}
                        alt={item.alt ?? ''}
                        width={320}
                        height={240}
                        loading="lazy"
                        className="aspect-[4/3] w-full rounded-lg object-cover"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="availability-heading" data-testid="vendor-availability">
            <h2 id="availability-heading" className="mb-1 text-xl font-semibold">
              Availability
            </h2>
            <p className="mb-3 text-sm text-gray-700">
              Days {vendor.businessName} is booked or away. Ask about a free day with a quote
              request.
            </p>
            <CalendarMonths
              months={availability.months}
              today={availability.today}
              days={Object.fromEntries(availability.busy.map((day) => [day, 'busy' as const]))}
            />
          </section>
          <ReviewsSection data={reviews} vendor={vendor} user={user} />
        </div>

        <aside className="card flex h-fit flex-col gap-4 p-5" aria-label="Details">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-gray-500">Location</dt>
            <dd>{placeName(vendor.location.city, regionLabel(vendor.location.region))}</dd>
            {price && (
              <>
                <dt className="text-gray-500">Price</dt>
                <dd>
                  {price.symbol} {price.label}
                </dd>
              </>
            )}
            {categories.length > 0 && (
              <>
                <dt className="text-gray-500">Services</dt>
                <dd>
                  {categories.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 && ', '}
                      <Link href={`/categories/${c.slug}`}>{c.name}</Link>
                    </span>
                  ))}
                </dd>
              </>
            )}
            {vendor.serviceRegions && vendor.serviceRegions.length > 0 && (
              <>
                <dt className="text-gray-500">Travels to</dt>
                <dd>{vendor.serviceRegions.map(regionLabel).join(', ')}</dd>
              </>
            )}
            <dt className="text-gray-500">Response rate</dt>
            <dd data-testid="response-rate">
              {stats?.responseRate != null && stats.conversations
                ? `${stats.responseRate}% within a day`
                : 'Not enough enquiries yet'}
            </dd>
            {stats?.medianResponseHours != null && stats.conversations ? (
              <>
                <dt className="text-gray-500">Typically replies</dt>
                <dd>{replyTime(stats.medianResponseHours)}</dd>
              </>
            ) : null}
          </dl>
          {user?.role === 'organizer' && vendor.status === 'active' && (
            <div className="flex flex-wrap gap-3 border-t border-gray-100 pt-4">
              <RequestQuote
                vendors={[{ id: vendor.id, name: vendor.businessName }]}
                jobs={organizerJobs}
                newJobHref={newJobForVendors([vendor.id])}
                openFromAddress
              />
              <MessageButton vendorId={vendor.id} label="Message this vendor" />
              <SaveVendor
                vendorId={vendor.id}
                vendorName={vendor.businessName}
                lists={saveChoicesFor(organizerLists, vendor.id)}
              />
            </div>
          )}
          {user ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 border-t border-gray-100 pt-4 text-sm">
              {vendor.contact?.email && (
                <>
                  <dt className="text-gray-500">Email</dt>
                  <dd>
                    <a href={`mailto:${vendor.contact.email}`}>{vendor.contact.email}</a>
                  </dd>
                </>
              )}
              {vendor.contact?.phone && (
                <>
                  <dt className="text-gray-500">Phone</dt>
                  <dd>
                    <a href={`tel:${vendor.contact.phone.replace(/\s/g, '')}`}>
                      {vendor.contact.phone}
                    </a>
                  </dd>
                </>
              )}
              {vendor.website && (
                <>
                  <dt className="text-gray-500">Website</dt>
                  <dd>
                    <a href={vendor.website} rel="noopener nofollow">
                      {vendor.website.replace(/^https?:\/\//, '')}
                    </a>
                  </dd>
                </>
              )}
            </dl>
          ) : (
            <div className="flex flex-col gap-3 border-t border-gray-100 pt-4 text-sm text-gray-700">
              <Link
                href={`/login?next=${encodeURIComponent(`/vendors/${vendor.slug}?request=quote`)}`}
                className="btn self-start"
              >
                Log in to request a quote
              </Link>
              <p>
                <Link href={`/login?next=/vendors/${vendor.slug}`}>Log in</Link> or{' '}
                <Link href="/signup">sign up free</Link> to see contact details.
              </p>
            </div>
          )}
        </aside>
      </div>
    </article>
  )
}
