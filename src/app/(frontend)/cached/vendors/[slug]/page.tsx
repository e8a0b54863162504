import type { Metadata } from 'next'

import { VendorProfile, vendorProfileMetadata } from '@/components/vendors/VendorProfile'

// Rendered on a vendor's first anonymous visit (never at build time: the build has no
// database), then served from Next's cache until the vendor changes (src/lib/cache/
// publicPages.ts revalidates it) or, at the latest, after this many seconds.
export const revalidate = 600
export const dynamicParams = true
export const generateStaticParams = async () => []

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params
  return {
    ...(await vendorProfileMetadata(slug, null)),
    alternates: { canonical: `/vendors/${slug}` },
  }
}

/** A vendor's page as every anonymous visitor sees it. */
export default async function CachedVendorPage({ params }: Props) {
  return <VendorProfile slug={(await params).slug} user={null} />
}
