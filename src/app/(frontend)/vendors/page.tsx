import type { Metadata } from 'next'

import { Pagination } from '@/components/Pagination'
import { SearchBox } from '@/components/SearchBox'
import { VendorCard } from '@/components/VendorCard'
import { NZ_REGIONS, regionLabel } from '@/lib/constants'
import { getCurrentUser } from '@/lib/payload'
import { findVendors } from '@/lib/queries'
import { firstParam, pageParam } from '@/lib/searchParams'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Find event vendors' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function VendorsPage({ searchParams }: Props) {
  const params = await searchParams
  const query = firstParam(params.q).slice(0, 100)
  const regionValue = firstParam(params.region)
  const region = NZ_REGIONS.some((r) => r.value === regionValue) ? regionValue : ''
  const page = pageParam(params.page)
  const user = await getCurrentUser()
  const result = await findVendors({ query, region, page }, user)
  const href = (p: number) => `/vendors?${new URLSearchParams({ ...(query && { q: query }), ...(region && { region }), page: String(p) })}`
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Find event vendors</h1>
      <SearchBox query={query} region={region} />
      <p className="text-sm text-gray-600" aria-live="polite">
        {result.totalDocs} {result.totalDocs === 1 ? 'vendor' : 'vendors'}
        {query ? ` matching “${query}”` : ''}
        {region ? ` in ${regionLabel(region)}` : ''}
      </p>
      {result.docs.length === 0 ? (
        <p className="card p-6 text-gray-700">No vendors match that yet. Try a broader search or another region.</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {result.docs.map((vendor) => <VendorCard key={vendor.id} vendor={vendor} />)}
        </div>
      )}
      <Pagination page={result.page ?? 1} totalPages={result.totalPages} href={href} />
    </div>
  )
}
