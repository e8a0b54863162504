import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import { findVisible, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { idOf, parseSerialId } from '@/lib/kit/ids'
import { inTransaction } from '@/lib/kit/transaction'
import { lockRow } from '@/lib/marketplace/jobLock'
import type { SavedList } from '@/payload-types'

import { MAX_SAVED_VENDORS } from './limits'

/**
 * The caller's own list, or 404 as for any list they may not see (an admin's look is
 * read-only); locked until the transaction ends, so two saves at once both land.
 */
const ownList = async (req: PayloadRequest, listId: number): Promise<SavedList> => {
  const user = signedIn(req, 'Sign in to save vendors.')
  await lockRow(req, 'saved_lists', listId)
  const list = await findVisible(req, slugs.savedLists, listId, 'List not found.')
  if (idOf(list.owner) !== user.id) throw new RequestError(404, 'NOT_FOUND', 'List not found.')
  return list
}

const writeVendors = (req: PayloadRequest, list: SavedList, vendors: number[]) =>
  req.payload.update({
    collection: slugs.savedLists,
    id: list.id,
    data: { vendors },
    depth: 0,
    user: req.user,
    overrideAccess: false,
    req,
  })

/**
 * Adds a vendor to one of the caller's lists; saving one already there changes nothing. The
 * vendor is read with the caller's access, so one that is not on the site is not found.
 */
export const saveVendor = async (req: PayloadRequest, listId: number, vendorId: unknown) =>
  inTransaction(req, async () => {
    const id = parseSerialId(vendorId)
    if (id === null) {
      throw new RequestError(400, 'INVALID_INPUT', 'Name the vendor to save.', [
        { field: 'vendor', message: 'Name the vendor to save.' },
      ])
    }
    const list = await ownList(req, listId)
    const vendor = await findVisible(req, slugs.vendors, id, 'Vendor not found.')
    const ids = (list.vendors ?? []).map(idOf)
    if (ids.includes(vendor.id)) return list
    if (ids.length >= MAX_SAVED_VENDORS) {
      throw new RequestError(
        409,
        'LIST_FULL',
        `A list holds up to ${MAX_SAVED_VENDORS} vendors: start another.`,
      )
    }
    return writeVendors(req, list, [...ids, vendor.id])
  })

/** Takes a vendor off one of the caller's lists (whether or not they are still on the site). */
export const unsaveVendor = async (req: PayloadRequest, listId: number, vendorId: number) =>
  inTransaction(req, async () => {
    const list = await ownList(req, listId)
    const ids = (list.vendors ?? []).map(idOf)
    if (!ids.includes(vendorId)) return list
    return writeVendors(
      req,
      list,
      ids.filter((id) => id !== vendorId),
    )
  })
