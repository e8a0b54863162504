import type { Endpoint } from 'payload'

import { guarded, routeId, signedIn } from '@/lib/kit/endpoint'
import { downloadExport } from '@/lib/privacy/export/download'

/** `GET /api/data-exports/:id/download`: the ZIP, for the person it is about (or the admin who made it). */
export const downloadDataExport: Endpoint = {
  path: '/:id/download',
  method: 'get',
  handler: guarded(async (req) =>
    downloadExport(req, signedIn(req, 'Sign in to download your data.'), routeId(req, 'Export')),
  ),
}
