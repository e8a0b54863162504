import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { slugs } from '@/collections/slugs'
import { FormMessage } from '@/components/forms/FormMessage'
import { getPayloadClient } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Confirm your email' }
export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function VerifyEmailPage({ searchParams }: Props) {
  const token = firstParam((await searchParams).token)
  let verified = false
  if (token) {
    const payload = await getPayloadClient()
    verified = await payload.verifyEmail({ collection: slugs.users, token }).then(
      () => true,
      () => false,
    )
  }
  if (verified) redirect('/login?notice=verified')
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Confirm your email</h1>
      <FormMessage error="This confirmation link is not valid or has already been used." />
      <p className="text-sm">
        If you already confirmed, <Link href="/login">log in</Link>.
      </p>
    </div>
  )
}
