import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { pricingMetadata, PricingView } from '@/components/billing/PricingView'
import { HomeView } from '@/components/home/HomeView'

// Rendered on the first anonymous visit after a start, never at build time (the build has no
// database), then served from Next's cache until a change revalidates it
// (src/lib/cache/publicPages.ts) or, at the latest, after this many seconds.
export const revalidate = 600
export const dynamicParams = true
export const generateStaticParams = async () => []

type Props = { params: Promise<{ page: string }> }

/** The pages without a parameter that every anonymous visitor sees alike. */
const PAGES = {
  home: { metadata: { alternates: { canonical: '/' } }, View: HomeView },
  pricing: {
    metadata: { ...pricingMetadata, alternates: { canonical: '/pricing' } },
    View: PricingView,
  },
} satisfies Record<string, { metadata: Metadata; View: typeof HomeView }>

const pageOf = (name: string) =>
  Object.hasOwn(PAGES, name) ? PAGES[name as keyof typeof PAGES] : null

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return pageOf((await params).page)?.metadata ?? {}
}

/** `/` and `/pricing` as every anonymous visitor sees them. */
export default async function CachedPage({ params }: Props) {
  const page = pageOf((await params).page)
  if (!page) notFound()
  return <page.View user={null} />
}
