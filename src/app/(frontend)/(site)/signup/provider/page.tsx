import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { ProviderSignupForm } from '@/components/auth/ProviderSignupForm'
import { providerLabel } from '@/lib/auth/oauth/messages'
import { pendingIdentity } from '@/lib/auth/oauth/pending'
import { getCurrentUser } from '@/lib/payload'

export const metadata: Metadata = { title: 'Finish joining' }
export const dynamic = 'force-dynamic'

export default async function ProviderSignupPage() {
  if (await getCurrentUser()) redirect('/account')
  const pending = await pendingIdentity('signup')
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-6">
      <h1 className="text-2xl font-bold">Finish joining Event Pros NZ</h1>
      {pending?.identity.email ? (
        <ProviderSignupForm
          provider={providerLabel(pending.identity.provider)}
          email={pending.identity.email}
          firstName={pending.identity.firstName}
          lastName={pending.identity.lastName}
        />
      ) : (
        <p>
          This sign-up has expired (it lasts half an hour) or is already finished.{' '}
          <Link href="/signup">Start again</Link> or <Link href="/login">log in</Link>.
        </p>
      )}
    </div>
  )
}
