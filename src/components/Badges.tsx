import type { Vendor } from '@/payload-types'
import { entitlementsOf } from '@/plugins/billing'

export function Badges({
  vendor,
}: {
  vendor: Pick<Vendor, 'tier' | 'verificationStatus'> & { favourite?: boolean | null }
}) {
  const badges: { label: string; className: string }[] = []
  if (vendor.favourite)
    badges.push({ label: '♥ Event Pros Favourite', className: 'bg-rose-100 text-rose-800' })
  if (vendor.verificationStatus === 'verified')
    badges.push({ label: '✓ Verified', className: 'bg-green-100 text-green-800' })
  const tierBadge = entitlementsOf(vendor.tier).badge
  if (tierBadge)
    badges.push({
      label: tierBadge,
      className:
        vendor.tier === 'spotlight' ? 'bg-amber-100 text-amber-900' : 'bg-sky-100 text-sky-900',
    })
  if (badges.length === 0) return null
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Badges">
      {badges.map((badge) => (
        <li
          key={badge.label}
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${badge.className}`}
        >
          {badge.label}
        </li>
      ))}
    </ul>
  )
}
