import type { Payload } from 'payload'

import { slugs } from '@/collections/slugs'
import { idOf } from '@/lib/kit/ids'
import type { DataExport, User } from '@/payload-types'

import type { DataExportView } from './statuses'

export const toView = (row: DataExport): DataExportView => ({
  id: row.id,
  status: row.status,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt ?? null,
  sizeBytes: row.sizeBytes ?? null,
})

/** The person's newest export, as their account page shows it, or null. */
export const latestExportOf = async (payload: Payload, user: User) => {
  const { docs } = await payload.find({
    collection: slugs.dataExports,
    where: { user: { equals: user.id } },
    sort: '-createdAt',
    limit: 1,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return docs[0] ? toView(docs[0]) : null
}

/**
 * One export the signed-in person may see (theirs, or any for an admin) and whose data it is,
 * or null.
 */
export const visibleExport = async (payload: Payload, user: User, id: number) => {
  const row = await payload.findByID({
    collection: slugs.dataExports,
    id,
    depth: 0,
    user,
    overrideAccess: false,
    disableErrors: true,
  })
  return row ? { view: toView(row), userId: idOf(row.user) } : null
}
