import type { Metadata } from 'next'
import { redirect } from 'next/navigation'

import { ProviderButtons } from '@/components/auth/ProviderButtons'
import { FormMessage } from '@/components/forms/FormMessage'
import { LoginForm } from '@/components/forms/LoginForm'
import { oauthErrorMessage } from '@/lib/auth/oauth/messages'
import { enabledProviders } from '@/lib/auth/oauth/providers'
import { getCurrentUser } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Log in' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams
  if (await getCurrentUser()) redirect('/account')
  const notice = firstParam(params.notice)
  const next = firstParam(params.next) || undefined
  const challenge = firstParam(params.challenge) || undefined
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">Log in</h1>
      {notice === 'verified' && (
        <FormMessage success="Your email is confirmed. Log in to continue." />
      )}
      {notice === 'signed-out' && <FormMessage success="You are signed out on every device." />}
      {notice === 'reset' && (
        <FormMessage success="Your password has been changed. Log in with the new one." />
      )}
      <FormMessage
        error={oauthErrorMessage(firstParam(params.oauthError), firstParam(params.provider))}
      />
      {!challenge && <ProviderButtons providers={enabledProviders()} next={next} />}
      <LoginForm next={next} challenge={challenge} email={firstParam(params.email) || undefined} />
    </div>
  )
}
