import { pricingMetadata, PricingView } from '@/components/billing/PricingView'
import { getCurrentUser } from '@/lib/payload'

export const metadata = pricingMetadata

/** Plans, and for a signed-in vendor the way to change theirs (anonymous: `cached/pricing`). */
export default async function PricingPage() {
  return <PricingView user={await getCurrentUser()} />
}
