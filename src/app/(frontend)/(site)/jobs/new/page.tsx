import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { type JobInvite, PostJobForm } from '@/components/jobs/PostJobForm'
import { slugs } from '@/collections/slugs'
import { getEnv } from '@/lib/kit/env'
import { idOf } from '@/lib/kit/ids'
import { INVITEES_PER_REQUEST } from '@/lib/marketplace/invitationLimits'
import { type CategoryGroup, categoryGroups } from '@/lib/marketplace/queries'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'
import type { User } from '@/payload-types'

export const metadata: Metadata = { title: 'Post a job' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * `?invite=12,14`: the vendors an organizer asked for a quote before they had a job. Read as
 * the organizer may see them (a vendor not on the site is left out); the job starts with
 * their services and, when they share one, their town.
 */
const invitedIds = (raw: string | undefined): number[] =>
  [...new Set((raw ?? '').split(',').map(Number))]
    .filter((id) => Number.isSafeInteger(id) && id > 0)
    .slice(0, INVITEES_PER_REQUEST)

const inviteFor = async (
  ids: number[],
  user: User,
  groups: CategoryGroup[],
): Promise<JobInvite | undefined> => {
  // Only organizers invite (an admin posting on someone's behalf would be refused).
  if (ids.length === 0 || user.role !== 'organizer') return undefined
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.vendors,
    where: { and: [{ id: { in: ids } }, { status: { equals: 'active' } }] },
    pagination: false,
    depth: 0,
    select: { businessName: true, categories: true, location: true },
    user,
    overrideAccess: false,
  })
  if (docs.length === 0) return undefined
  const services = new Set(groups.flatMap((group) => group.children.map((child) => child.id)))
  const categories = [
    ...new Set(docs.flatMap((vendor) => (vendor.categories ?? []).map((c) => idOf(c)))),
  ].filter((id) => services.has(id))
  const towns = new Set(docs.map((vendor) => vendor.location?.city ?? ''))
  return {
    vendors: docs.map((vendor) => ({ id: vendor.id, name: vendor.businessName })),
    categories,
    city: towns.size === 1 ? [...towns][0]! : '',
  }
}

export default async function PostJobPage({ searchParams }: Props) {
  const user = await getCurrentUser()
  const invited = invitedIds(firstParam((await searchParams).invite))
  if (!user) {
    const next = invited.length ? `/jobs/new?invite=${invited.join(',')}` : '/jobs/new'
    redirect(`/login?next=${encodeURIComponent(next)}`)
  }
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
  const groups = await categoryGroups(user)
  const invite = await inviteFor(invited, user, groups)
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold">Post a job</h1>
        <p className="text-gray-700">
          {invite
            ? `Tell ${invite.vendors.map((vendor) => vendor.name).join(', ')} about your event; publishing sends your request for a quote.`
            : 'Tell vendors what you need; they answer with quotes you can compare.'}
        </p>
      </header>
      <PostJobForm groups={groups} quoteCap={getEnv().MAX_QUOTES_PER_JOB} invite={invite} />
    </div>
  )
}
