import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { Pagination } from '@/components/Pagination'
import { VendorCard } from '@/components/VendorCard'
import { getCurrentUser } from '@/lib/payload'
import { categoryBySlug, vendorsInCategories } from '@/lib/queries'
import { pageParam } from '@/lib/searchParams'

export const dynamic = 'force-dynamic'

type Props = {
  params: Promise<{ slug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await categoryBySlug((await params).slug, await getCurrentUser())
  return found
    ? {
        title: `${found.category.name} in New Zealand`,
        description: found.category.description ?? undefined,
      }
    : {}
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const { slug } = await params
  const page = pageParam((await searchParams).page)
  const user = await getCurrentUser()
  const found = await categoryBySlug(slug, user)
  if (!found) notFound()
  const { category, children } = found
  const parent = typeof category.parent === 'object' ? category.parent : null
  const ids = [category.id, ...children.map((c) => c.id)]
  const result = await vendorsInCategories(ids, page, user)
  if (page > 1 && result.docs.length === 0) {
    // Past the last page Payload counts nothing; the first page knows how many there are.
    const { totalDocs, totalPages } = await vendorsInCategories(ids, 1, user)
    if (totalDocs > 0) redirect(`/categories/${category.slug}?page=${totalPages}`)
  }
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-gray-600">
        <Link href="/">Home</Link>
        {parent && (
          <>
            {' '}
            / <Link href={`/categories/${parent.slug}`}>{parent.name}</Link>
          </>
        )}{' '}
        / <span aria-current="page">{category.name}</span>
      </nav>
      <header>
        <h1 className="text-2xl font-bold">
          <span aria-hidden>{category.icon ?? parent?.icon}</span> {category.name}
        </h1>
        {category.description && <p className="mt-1 text-gray-700">{category.description}</p>}
      </header>
      {children.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Subcategories">
          {children.map((child) => (
            <li key={child.id}>
              <Link
                href={`/categories/${child.slug}`}
                className="inline-flex min-h-11 items-center rounded-full border border-gray-300 px-4 text-sm text-ink no-underline hover:border-brand-600"
              >
                {child.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm text-gray-600">
        {result.totalDocs} {result.totalDocs === 1 ? 'vendor' : 'vendors'} ·{' '}
        <Link href={`/vendors?category=${category.slug}`}>Search by place, date and price</Link>
      </p>
      {result.docs.length === 0 ? (
        <p className="card p-6 text-gray-700">No vendors in this category yet.</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {result.docs.map((vendor) => (
            <VendorCard key={vendor.id} vendor={vendor} />
          ))}
        </div>
      )}
      <Pagination
        page={result.page ?? 1}
        totalPages={result.totalPages}
        href={(p) => `/categories/${category.slug}?page=${p}`}
      />
    </div>
  )
}
