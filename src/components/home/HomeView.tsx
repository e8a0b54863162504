import Link from 'next/link'

import { SearchBox } from '@/components/SearchBox'
import { VendorCard } from '@/components/VendorCard'
import { featuredVendors, topLevelCategories } from '@/lib/queries'
import type { User } from '@/payload-types'

/**
 * The home page as `user` sees it; with no user, the same for every anonymous visitor (served
 * from Next's cache by `cached/page.tsx`).
 */
export async function HomeView({ user }: { user: User | null }) {
  const [categories, featured] = await Promise.all([
    topLevelCategories(user),
    featuredVendors(user),
  ])
  return (
    <div className="flex flex-col gap-10">
      <section className="rounded-2xl bg-brand-50 px-4 py-8 sm:px-10 sm:py-14">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">
          Plan your event with trusted New Zealand pros
        </h1>
        <p className="mt-2 max-w-2xl text-gray-700">
          Caterers, photographers, venues, DJs and florists from Northland to Southland — compare,
          message and book in one place.
        </p>
        <div className="mt-6 max-w-3xl">
          <SearchBox />
        </div>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="text-xl font-semibold">
          Browse by category
        </h2>
        <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {categories.map((category) => (
            <li key={category.id}>
              <Link
                href={`/categories/${category.slug}`}
                className="card flex min-h-20 items-center gap-3 p-4 font-medium text-ink no-underline hover:border-brand-600"
              >
                <span aria-hidden className="text-2xl">
                  {category.icon}
                </span>
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {featured.length > 0 && (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading" className="text-xl font-semibold">
            Featured vendors
          </h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {featured.map((vendor) => (
              <VendorCard key={vendor.id} vendor={vendor} />
            ))}
          </div>
        </section>
      )}

      {user?.role !== 'vendor' && (
        <section className="card flex flex-col items-start gap-3 p-6 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h2 className="text-lg font-semibold">Rather have vendors come to you?</h2>
            <p className="text-gray-600">
              Post your event once and compare quotes side by side, GST and all.
            </p>
          </div>
          <Link href="/jobs/new" className="btn">
            Post a job
          </Link>
        </section>
      )}

      <section className="card flex flex-col items-start gap-3 p-6 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="text-lg font-semibold">Run an events business?</h2>
          <p className="text-gray-600">
            List it free and meet organizers planning events near you.
          </p>
        </div>
        <Link href="/signup?role=vendor" className="btn">
          List your business
        </Link>
      </section>
    </div>
  )
}
