import type { Metadata } from 'next'

import { VendorProfile, vendorProfileMetadata } from '@/components/vendors/VendorProfile'
import { getCurrentUser } from '@/lib/payload'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return vendorProfileMetadata((await params).slug, await getCurrentUser())
}

/** A vendor's page for a signed-in person (anonymous visitors get `cached/vendors/[slug]`). */
export default async function VendorPage({ params }: Props) {
  return <VendorProfile slug={(await params).slug} user={await getCurrentUser()} />
}
