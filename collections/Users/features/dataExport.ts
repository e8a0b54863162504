import type { CollectionBeforeDeleteHook, Endpoint } from 'payload'
import { z } from 'zod'

import { checkRole } from '@/access/roles'
import { findVisible, guarded, jsonBody, routeId, signedIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { deleteExportsOf } from '@/lib/privacy/export/cleanup'
import { parseSerialId } from '@/lib/kit/ids'
import { DAILY_EXPORT_LIMIT, requestDataExport } from '@/lib/privacy/export/requests'
import { documented, envelope } from '@/plugins/openapi'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

/** What both export routes answer: the export just queued, which the job then builds. */
const queuedExport = envelope(
  z.object({
    id: z
      .number()
      .int()
      .describe(
        'The data export; download it from `GET /api/data-exports/{id}/download` once it is ready.',
      ),
    status: z.literal('queued'),
  }),
)

/** `POST /api/users/:id/export`'s optional body, as the handler checks it. */
export const AccountExportRequest = z.object({
  reason: z
    .string()
    .max(500)
    .optional()
    .describe('The request received by email, for the audit log (at most 500 characters).'),
})

/** `POST /api/users/me/export`: a copy of everything held about the signed-in person, by email. */
const exportMyData: Endpoint = documented(
  {
    summary: 'Ask for a copy of your data',
    description: `Queues a ZIP of everything held about you; we email you when it is ready to download (usually within minutes). 409 \`EXPORT_IN_PROGRESS\` while one is being prepared; 429 \`EXPORT_LIMIT\` after ${DAILY_EXPORT_LIMIT} in 24 hours.`,
    caller: 'signed-in',
    response: queuedExport,
    status: 202,
  },
  {
    path: '/me/export',
    method: 'post',
    handler: guarded(async (req) => {
      const user = signedIn(req, 'Sign in to download your data.')
      const queued = await requestDataExport(req, user, user)
      return apiJson(req, { success: true, data: queued }, { status: 202 })
    }),
  },
)

/**
 * `POST /api/users/:id/export` with an optional `{ reason }`: an admin makes the same export for
 * a request received by email. Audited; the admin, not the person, is emailed the download.
 */
const exportAccountData: Endpoint = documented(
  {
    summary: "Export an account's data",
    description:
      'For a request received by email: queues the same export as "Download my data", audited with the reason. The admin, not the person, is emailed the download. The body is optional. 409 `EXPORT_IN_PROGRESS` while one is being prepared.',
    caller: 'admin',
    body: AccountExportRequest,
    response: queuedExport,
    status: 202,
    example: { reason: 'Privacy Act request received by email on 3 March' },
  },
  {
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
      const { reason } = req.headers.get('content-type')?.includes('json')
        ? await jsonBody(req)
        : {}
      if (reason !== undefined && (typeof reason !== 'string' || reason.length > 500)) {
        throw invalidInput('reason', 'Give the reason as text of at most 500 characters.')
      }
      const subject = await findVisible(req, slugs.users, id, 'Account not found.')
      const queued = await requestDataExport(req, admin, subject, reason?.trim() || undefined)
      return apiJson(req, { success: true, data: queued }, { status: 202 })
    }),
  },
)

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
