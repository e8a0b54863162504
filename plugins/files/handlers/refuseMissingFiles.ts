import fs from 'node:fs/promises'
import path from 'node:path'

import type { PayloadRequest, UploadConfig } from 'payload'

import { fileNotFound } from '../utilities/notFound'

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * The first upload handler of every collection: a name that is not on disk is a 404 (Payload
 * answered 500), before any other handler, or the audit of a staff read, runs. It runs after
 * the access check, so a missing file and someone else's look alike.
 */
export const refuseMissingFiles = (staticDir: string): UploadHandler =>
  // Payload's type admits a handler that always or never answers, not one that sometimes does.
  (async (req: PayloadRequest, { params }: Parameters<UploadHandler>[1]) => {
    const stats = await fs.stat(path.join(staticDir, params.filename)).catch(() => null)
    if (!stats?.isFile()) return fileNotFound(req)
  }) as UploadHandler
