import fs from 'node:fs/promises'
import path from 'node:path'

import { headersWithCors, type PayloadRequest, type UploadConfig } from 'payload'

import { safeFileName } from '../utilities/safeFileName'

const notFound = (req: PayloadRequest) =>
  Response.json(
    {
      success: false,
      error: { code: 'NOT_FOUND', message: 'There is no such file.' },
      errors: [{ message: 'There is no such file.' }],
    },
    { status: 404, headers: headersWithCors({ headers: new Headers(), req }) },
  )

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * The first upload handler of every collection. Payload resolves the requested name inside the
 * collection's folder, so `verification%2Fx.pdf` once reached a sub-folder; and a name that is
 * not on disk answered 500. Both are a 404 here, before any other handler (or the audit of a
 * staff read) runs: no name with a separator, a dot segment or a `prefix` leaves the folder.
 */
export const refuseUnsafeFileNames = (staticDir: string): UploadHandler =>
  // Payload's type admits a handler that always or never answers, not one that sometimes does.
  (async (req: PayloadRequest, { params }: Parameters<UploadHandler>[1]) => {
    const name = safeFileName(params.filename)
    if (!name || name !== params.filename || params.prefix !== undefined) return notFound(req)
    const stats = await fs.stat(path.join(staticDir, name)).catch(() => null)
    if (!stats?.isFile()) return notFound(req)
  }) as UploadHandler
