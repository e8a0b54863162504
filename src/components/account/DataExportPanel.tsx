import { getPayloadClient } from '@/lib/payload'
import { latestExportOf } from '@/lib/privacy/export/views'
import type { User } from '@/payload-types'

import { DataExportRequest } from './DataExportRequest'

/** "Download my data" on the account page: what the file holds, and the newest one's state. */
export async function DataExportPanel({ user }: { user: User }) {
  const latest = await latestExportOf(await getPayloadClient(), user)
  return (
    <section
      id="data-export"
      className="card flex flex-col gap-3 p-5"
      aria-labelledby="data-export-heading"
    >
      <h2 id="data-export-heading" className="text-lg font-semibold">
        Your data
      </h2>
      <p className="text-sm text-gray-700">
        Get a copy of everything we hold about you: your account,{' '}
        {user.role === 'vendor'
          ? 'business profile, quotes, bookings, reviews, documents, billing'
          : 'jobs, quotes, bookings, reviews'}
        , conversations and uploaded files, in one ZIP file with a guide to what is in it. We email
        you when it is ready; the download works for 7 days.
      </p>
      <DataExportRequest initial={latest} />
    </section>
  )
}
