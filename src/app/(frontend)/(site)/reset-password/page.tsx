import type { Metadata } from 'next'
import Link from 'next/link'

import { FormMessage } from '@/components/forms/FormMessage'
import { ResetPasswordForm } from '@/components/forms/ResetPasswordForm'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Choose a new password' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function ResetPasswordPage({ searchParams }: Props) {
  const token = firstParam((await searchParams).token)
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <h1 className="text-2xl font-bold">Choose a new password</h1>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <FormMessage error="This link is missing its reset code. Ask for a new link." />
      )}
      <p className="text-sm">
        <Link href="/forgot-password">Send me a new link</Link>
      </p>
    </div>
  )
}
