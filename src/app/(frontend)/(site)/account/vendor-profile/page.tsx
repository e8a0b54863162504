import type { Metadata } from 'next'
import { redirect } from 'next/navigation'

import { VendorProfileForm } from '@/components/forms/VendorProfileForm'
import { categoryGroups } from '@/lib/marketplace/queries'
import { getCurrentUser } from '@/lib/payload'
import { vendorOwnedBy } from '@/lib/queries'

export const metadata: Metadata = { title: 'Create your vendor profile' }
export const dynamic = 'force-dynamic'

export default async function VendorProfilePage() {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/account/vendor-profile')
  if (user.role !== 'vendor') redirect('/account')
  if (await vendorOwnedBy(user)) redirect('/account')
  const groups = await categoryGroups(user)
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold">Create your vendor profile</h1>
        <p className="text-gray-700">
          Tell organizers who you are and where you work. It takes two minutes.
        </p>
      </header>
      <VendorProfileForm groups={groups} />
    </div>
  )
}
