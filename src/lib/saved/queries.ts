import { cache } from 'react'

import { slugs } from '@/collections/slugs'
import { idOf } from '@/lib/kit/ids'
import { getPayloadClient } from '@/lib/payload'
import type { SavedList, User } from '@/payload-types'

/** An organizer's own lists, oldest first; nobody else has any. Read once per request. */
export const savedListsOf = cache(async (user: User | null, depth = 0): Promise<SavedList[]> => {
  if (user?.role !== 'organizer') return []
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: slugs.savedLists,
    where: { owner: { equals: user.id } },
    sort: 'createdAt',
    pagination: false,
    depth,
    user,
    overrideAccess: false,
  })
  return docs
})

/** The "Save" dialog's choices for one vendor: every list of the organizer, ticked where it is. */
export const saveChoicesFor = (lists: SavedList[], vendorId: number) =>
  lists.map((list) => ({
    id: list.id,
    name: list.name,
    saved: (list.vendors ?? []).some((vendor) => idOf(vendor) === vendorId),
  }))
