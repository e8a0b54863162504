import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { PostJobForm } from '@/components/jobs/PostJobForm'
import { getEnv } from '@/lib/kit/env'
import { categoryGroups } from '@/lib/marketplace/queries'
import { getCurrentUser } from '@/lib/payload'

export const metadata: Metadata = { title: 'Post a job' }

export default async function PostJobPage() {
  const user = await getCurrentUser()
  if (!user) redirect('/login?next=/jobs/new')
  if (user.role !== 'organizer' && user.role !== 'admin') {
    return (
      <div className="mx-auto flex max-w-2xl flex-col gap-3">
        <h1 className="text-2xl font-bold">Post a job</h1>
        <p>
          Jobs are posted by event organizers. As a vendor, find work on the{' '}
          <Link href="/jobs">job board</Link>.
        </p>
      </div>
    )
  }
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold">Post a job</h1>
        <p className="text-gray-700">
          Tell vendors what you need; they answer with quotes you can compare.
        </p>
      </header>
      <PostJobForm groups={await categoryGroups(user)} quoteCap={getEnv().MAX_QUOTES_PER_JOB} />
    </div>
  )
}
