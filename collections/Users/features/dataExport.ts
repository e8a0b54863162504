import type { CollectionBeforeDeleteHook, Endpoint } from 'payload'

import { checkRole } from '@/access/roles'
import { findVisible, guarded, jsonBody, routeId, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { deleteExportsOf } from '@/lib/privacy/export/cleanup'
import { parseSerialId } from '@/lib/kit/ids'
import { requestDataExport } from '@/lib/privacy/export/requests'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

/** `POST /api/users/me/export`: a copy of everything held about the signed-in person, by email. */
const exportMyData: Endpoint = {
  path: '/me/export',
  method: 'post',
  handler: guarded(async (req) => {
    const user = signedIn(req, 'Sign in to download your data.')
    const queued = await requestDataExport(req, user, user)
    return apiJson(req, { success: true, data: queued }, { status: 202 })
  }),
}

/**
 * `POST /api/users/:id/export` with an optional `{ reason }`: an admin makes the same export for
 * a request received by email. Audited; the admin, not the person, is emailed the download.
 */
const exportAccountData: Endpoint = {
  path: '/:id/export',
  method: 'post',
  handler: guarded(async (req) => {
    const admin = signedIn(req)
    if (!checkRole(['admin'], admin)) {
      throw new RequestError(
        403,
        'FORBIDDEN',
        'Only admins can export someone else’s data. For your own, use "Download my data" on your account page.',
      )
    }
    const id = routeId(req, 'Account')
    // The reason is optional, and so is a body at all.
    const { reason } = req.headers.get('content-type')?.includes('json') ? await jsonBody(req) : {}
    if (reason !== undefined && (typeof reason !== 'string' || reason.length > 500)) {
      throw invalidInput('reason', 'Give the reason as text of at most 500 characters.')
    }
    const subject = await findVisible(req, slugs.users, id, 'Account not found.')
    const queued = await requestDataExport(req, admin, subject, reason?.trim() || undefined)
    return apiJson(req, { success: true, data: queued }, { status: 202 })
  }),
}

/**
 * An account's exports are copies of its data and name it (the database would refuse the
 * delete otherwise): they and their files go with it, in the delete's transaction. Should the
 * delete roll back, the rows stay and their download answers 410.
 */
const deleteDataExportsOfAccount: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const userId = parseSerialId(id)
  if (userId !== null) await deleteExportsOf(req, userId)
}

/** "Download my data": the person's own export, and the one admins make on request. */
export const dataExportFeature: UserFeature = {
  fields: [
    {
      name: 'dataExport',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '@/components/admin/DataExportField#DataExportField' },
      },
    },
  ],
  endpoints: [exportMyData, exportAccountData],
  hooks: { beforeDelete: [deleteDataExportsOfAccount] },
}
