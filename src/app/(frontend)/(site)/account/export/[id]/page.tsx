import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { DataExportRequest } from '@/components/account/DataExportRequest'
import { parseSerialId } from '@/lib/kit/ids'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { visibleExport } from '@/lib/privacy/export/views'

export const metadata: Metadata = { title: 'Your data' }
export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ id: string }> }

/** Where the "your data is ready" email leads: that export, downloadable once signed in. */
export default async function DataExportPage({ params }: Props) {
  const { id: raw } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/login?next=${encodeURIComponent(`/account/export/${raw}`)}`)
  const id = parseSerialId(raw)
  const found = id ? await visibleExport(await getPayloadClient(), user, id) : null
  if (!found) notFound()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">Your data</h1>
        <p className="text-gray-600">
          One ZIP file with everything we hold, and a README.txt that explains each part.
        </p>
      </header>
      <section className="card flex flex-col gap-3 p-5">
        <DataExportRequest initial={found.view} canRequest={found.userId === user.id} />
      </section>
      <Link href="/account" className="text-sm">
        Back to your account
      </Link>
    </div>
  )
}
