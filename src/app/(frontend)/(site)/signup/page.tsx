import type { Metadata } from 'next'
import { redirect } from 'next/navigation'

import { ProviderButtons } from '@/components/auth/ProviderButtons'
import { FormMessage } from '@/components/forms/FormMessage'
import { SignupForm } from '@/components/forms/SignupForm'
import { oauthErrorMessage } from '@/lib/auth/oauth/messages'
import { enabledProviders } from '@/lib/auth/oauth/providers'
import { getCurrentUser } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Sign up' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function SignupPage({ searchParams }: Props) {
  if (await getCurrentUser()) redirect('/account')
  const params = await searchParams
  const role = firstParam(params.role) === 'vendor' ? 'vendor' : 'organizer'
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-6">
      <h1 className="text-2xl font-bold">Join Event Pros NZ</h1>
      <FormMessage
        error={oauthErrorMessage(firstParam(params.oauthError), firstParam(params.provider))}
      />
      {/* Facebook does not say whether an address is verified, so it cannot create an account:
          it is linked from the account page once the person has one. */}
      <ProviderButtons
        providers={enabledProviders().filter((provider) => provider.id !== 'facebook')}
      />
      <SignupForm initialRole={role} />
    </div>
  )
}
