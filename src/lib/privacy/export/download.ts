import { Readable } from 'node:stream'

import { headersWithCors, type PayloadRequest } from 'payload'

import { checkRole } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { findVisible } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { recordAudit } from '@/lib/trust/audit'
import type { DataExport, User } from '@/payload-types'

import { DATA_EXPORT_DAYS } from './statuses'
import { findStoredExport } from './storage'

const NOT_FOUND = 'Export not found.'

const expired = () =>
  new RequestError(
    410,
    'EXPORT_EXPIRED',
    `This download has expired: files can be downloaded for ${DATA_EXPORT_DAYS} days. Ask for a new copy of your data from your account page.`,
  )

/**
 * The ZIP of a ready export, as an attachment nobody caches. Only the person it is about may
 * download it, and the admin who made it for them (each of their downloads audited); anyone
 * else gets the same 404 as for an id that does not exist. Past its 7 days it is 410 Gone.
 */
export const downloadExport = async (
  req: PayloadRequest,
  user: User,
  id: number,
): Promise<Response> => {
  const row = await findVisible(req, slugs.dataExports, id, NOT_FOUND)
  const isSubject = idOf(row.user) === user.id
  const isRequester =
    row.requestedBy != null && idOf(row.requestedBy) === user.id && checkRole(['admin'], user)
  if (!isSubject && !isRequester) throw new RequestError(404, 'NOT_FOUND', NOT_FOUND)
  if (row.status === 'queued') {
    throw new RequestError(
      409,
      'EXPORT_NOT_READY',
      'This file is still being put together. We will email you as soon as it is ready.',
    )
  }
  if (row.status === 'failed') {
    throw new RequestError(
      409,
      'EXPORT_FAILED',
      'This export could not be made. Ask for a new copy of your data from your account page.',
    )
  }
  if (row.status === 'expired' || !row.expiresAt || new Date(row.expiresAt) <= new Date()) {
    throw expired()
  }
  // System read: where the file is stored, which no API reader is shown.
  const stored = (await req.payload.findByID({
    collection: slugs.dataExports,
    id,
    depth: 0,
    select: { storedAs: true },
    overrideAccess: true,
    req,
  })) as Pick<DataExport, 'storedAs'>
  const file = await findStoredExport(stored.storedAs)
  if (!file) throw expired()
  if (!isSubject) {
    await recordAudit(req, {
      action: 'data-export.download',
      targetCollection: slugs.users,
      targetId: idOf(row.user),
      summary: `${user.email} downloaded the data export ${id} of account ${idOf(row.user)}`,
      details: { exportId: id },
    })
  }
  // Opened only now, after the audit entry is written: a failed audit leaves no stream open.
  const bytes = await file.open()
  if (!bytes) throw expired()
  const { size } = file
  const body = Readable.toWeb(bytes) as ReadableStream<Uint8Array>
  return new Response(body, {
    status: 200,
    headers: headersWithCors({
      headers: new Headers({
        'Content-Type': 'application/zip',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${row.fileName ?? 'event-pros-nz-data.zip'}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      }),
      req,
    }),
  })
}
