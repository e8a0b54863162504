import {
  APIError,
  type CollectionBeforeChangeHook,
  type CollectionConfig,
  type Validate,
} from 'payload'

import { adminsOrOwner, organizers, ownedBy } from '@/access/rules'
import { and } from '@/access/combinators'
import { idOf } from '@/lib/kit/ids'
import { MAX_SAVED_LISTS, MAX_SAVED_VENDORS, SAVED_LIST_NAME_MAX } from '@/lib/saved/limits'
import type { SavedList } from '@/payload-types'

import { ownerField } from '../fields/marketplace'
import { slugs } from '../slugs'
import { savedListEndpoints } from './endpoints'

/** A new list is the organizer's who made it, up to MAX_SAVED_LISTS, each name once. */
const ownAndWithinLimits: CollectionBeforeChangeHook<SavedList> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const owner = operation === 'create' ? req.user?.id : (originalDoc?.owner as number | undefined)
  const next = { ...data, ...(operation === 'create' && req.user ? { owner: req.user.id } : {}) }
  if (typeof next.name === 'string') next.name = next.name.trim()
  if (!owner) return next
  const renaming = typeof next.name === 'string'
  if (operation !== 'create' && !renaming) return next
  // System read: the limits count the owner's own lists, whoever is asking.
  const { docs } = await req.payload.find({
    collection: slugs.savedLists,
    where: { owner: { equals: owner } },
    pagination: false,
    depth: 0,
    select: { name: true },
    overrideAccess: true,
    req,
  })
  if (operation === 'create' && docs.length >= MAX_SAVED_LISTS) {
    throw new APIError(`You can keep up to ${MAX_SAVED_LISTS} lists.`, 409)
  }
  const clash =
    renaming &&
    docs.find(
      (list) => list.id !== originalDoc?.id && list.name.toLowerCase() === next.name!.toLowerCase(),
    )
  if (clash) throw new APIError(`You already have a list called “${next.name}”.`, 409)
  return next
}

/**
 * Only vendors on the site can be added. Those already on the list stay, even once they leave
 * the site (the owner sees "no longer on the site" and may remove them), so a list with one of
 * them can still change.
 */
const onlyActiveAdded: Validate = async (value, { previousValue, req }) => {
  const before = new Set(((previousValue as unknown[] | null) ?? []).map(idOf))
  const added = [...new Set(((value as unknown[] | null) ?? []).map(idOf))].filter(
    (id) => !before.has(id),
  )
  if (added.length === 0) return true
  if (added.some((id) => !Number.isInteger(id) || id < 1)) return 'Name vendors by their id.'
  // System count: whether each vendor is on the site, whoever is saving.
  const { totalDocs } = await req.payload.count({
    collection: slugs.vendors,
    where: { and: [{ id: { in: added } }, { status: { equals: 'active' } }] },
    overrideAccess: true,
    req,
  })
  return totalDocs === added.length ? true : 'Only vendors on the site can be saved.'
}

/**
 * An organizer's named shortlist of vendors ("Wedding", "Office party"), kept on `/saved`.
 * Nobody else sees it (admins, for support); a vendor never learns who saved them.
 */
export const SavedLists: CollectionConfig<'saved-lists'> = {
  slug: slugs.savedLists,
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'owner', 'updatedAt'],
    group: 'Marketplace',
    hidden: ({ user }) => user?.role !== 'admin',
    hideAPIURL: true,
  },
  endpoints: savedListEndpoints,
  access: {
    read: adminsOrOwner,
    create: organizers,
    update: and(organizers, ownedBy('owner')),
    delete: adminsOrOwner,
  },
  hooks: { beforeChange: [ownAndWithinLimits] },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: SAVED_LIST_NAME_MAX,
      validate: (value: unknown) =>
        typeof value === 'string' && value.trim().length > 0 ? true : 'Give the list a name.',
    },
    {
      name: 'vendors',
      type: 'relationship',
      relationTo: slugs.vendors,
      hasMany: true,
      maxRows: MAX_SAVED_VENDORS,
      validate: onlyActiveAdded,
    },
    ownerField(),
  ],
  timestamps: true,
}
