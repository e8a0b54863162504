import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'

import { slugs } from '@/collections/slugs'
import { fileStoreFromEnv, type StoredFile } from '@/lib/files/store'
import { getEnv } from '@/lib/kit/env'

/**
 * Finished ZIPs live in the app's file store, beside the private uploads: on disk under
 * PRIVATE_FILES_DIR (`data-exports/`), or in the bucket under `private/data-exports/` when
 * S3_BUCKET is set, so any instance can serve a ZIP another one made. No public route serves
 * them; only the download route reads them (./download.ts).
 */
const COLLECTION = slugs.dataExports
const store = () => fileStoreFromEnv(getEnv())

const STORED_NAME = /^[a-f0-9]{48}\.zip$/
const isStoredName = (storedAs: string | null | undefined): storedAs is string =>
  Boolean(storedAs && STORED_NAME.test(storedAs))

/**
 * A new, unguessable name for a ZIP, and where to build it: a folder of its own in the temp
 * directory (mode 0700), so a half-built file is never in the store.
 */
export const newExportFile = async (): Promise<{ storedAs: string; filePath: string }> => {
  const storedAs = `${randomBytes(24).toString('hex')}.zip`
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'data-export-'))
  return { storedAs, filePath: path.join(folder, storedAs) }
}

/** Removes a ZIP being built, and its temp folder. */
export const discardExportFile = async (filePath: string): Promise<void> => {
  await fs.promises.rm(path.dirname(filePath), { recursive: true, force: true })
}

/** Puts a finished ZIP into the store under its name; the built file goes either way. */
export const storeExportFile = async (
  storedAs: string,
  filePath: string,
  size: number,
): Promise<void> => {
  try {
    await store().write(COLLECTION, storedAs, fs.createReadStream(filePath), {
      size,
      contentType: 'application/zip',
    })
  } finally {
    await discardExportFile(filePath)
  }
}

/** A stored ZIP's size and bytes, or null for a name that is not one of ours or a file gone. */
export const readStoredExport = async (
  storedAs: string | null | undefined,
): Promise<{ size: number; body: Readable } | null> => {
  if (!isStoredName(storedAs)) return null
  const files = store()
  const size = await files.size(COLLECTION, storedAs)
  if (size === null) return null
  const body = await files.read(COLLECTION, storedAs)
  return body ? { size, body } : null
}

export const deleteExportFile = async (storedAs: string | null | undefined): Promise<void> => {
  if (isStoredName(storedAs)) await store().remove(COLLECTION, storedAs)
}

/** Every ZIP in the store, for the clean-up of files no export names. */
export const storedExportFiles = (): AsyncIterable<StoredFile> => store().list(COLLECTION)
