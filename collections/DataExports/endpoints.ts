import type { Endpoint } from 'payload'

import { guarded, routeId, signedIn } from '@/lib/kit/endpoint'
import { downloadExport } from '@/lib/privacy/export/download'
import { DATA_EXPORT_DAYS } from '@/lib/privacy/export/statuses'
import { documented } from '@/plugins/openapi'

/** `GET /api/data-exports/:id/download`: the ZIP, for the person it is about (or the admin who made it). */
export const downloadDataExport: Endpoint = documented(
  {
    summary: 'Download a data export',
    description: `The ZIP of a ready export, for the person it is about or the admin who made it for them (whose downloads are audited); anyone else gets 404. 409 \`EXPORT_NOT_READY\` while it is being made, \`EXPORT_FAILED\` when it could not be; 410 \`EXPORT_EXPIRED\` after ${DATA_EXPORT_DAYS} days.`,
    caller: 'signed-in',
    response: { contentType: 'application/zip', description: 'The ZIP, as an attachment.' },
  },
  {
    path: '/:id/download',
    method: 'get',
    handler: guarded(async (req) =>
      downloadExport(req, signedIn(req, 'Sign in to download your data.'), routeId(req, 'Export')),
    ),
  },
)
