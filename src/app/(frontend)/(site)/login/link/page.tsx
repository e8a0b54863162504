import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { LinkProviderForm } from '@/components/auth/LinkProviderForm'
import { providerLabel } from '@/lib/auth/oauth/messages'
import { pendingIdentity } from '@/lib/auth/oauth/pending'
import { getCurrentUser } from '@/lib/payload'

export const metadata: Metadata = { title: 'Link your account' }
export const dynamic = 'force-dynamic'

export default async function LinkAccountPage() {
  if (await getCurrentUser()) redirect('/account')
  const pending = await pendingIdentity('link')
  const provider = pending ? providerLabel(pending.identity.provider) : ''
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">Link your {provider || 'sign-in'} account</h1>
      {pending ? (
        <>
          <p>
            You already have an Event Pros NZ account for <strong>{pending.identity.email}</strong>.
            Enter its password once to link {provider}; after that you can log in either way.
          </p>
          <LinkProviderForm provider={provider} />
        </>
      ) : (
        <p>
          This step has expired (it lasts half an hour) or is already done.{' '}
          <Link href="/login">Log in</Link> and try again.
        </p>
      )}
    </div>
  )
}
