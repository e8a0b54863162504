import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'

import { slugs } from '@/collections/slugs'
import { type FileStore, fileStoreFromEnv, type StoredFile } from '@/lib/files/store'
import { getEnv } from '@/lib/kit/env'

/**
 * Finished ZIPs live in the app's file store, beside the private uploads: on disk under
 * PRIVATE_FILES_DIR (`data-exports/`), or in the bucket under `private/data-exports/` when
 * S3_BUCKET is set, so any instance can serve a ZIP another one made. No public route serves
 * them; only the download route reads them (./download.ts).
 */
const COLLECTION = slugs.dataExports
let files: FileStore | undefined
/** One store (and so one S3 client and its connection pool) per process. */
const store = () => (files ??= fileStoreFromEnv(getEnv()))

/** Where ZIPs are built: a folder of its own per build, swept by the daily clean-up. */
export const BUILD_ROOT = path.join(os.tmpdir(), 'event-pros-data-exports')

const STORED_NAME = /^[a-f0-9]{48}\.zip$/
const isStoredName = (storedAs: string | null | undefined): storedAs is string =>
  Boolean(storedAs && STORED_NAME.test(storedAs))

/**
 * A new, unguessable name for a ZIP, and where to build it: a folder of its own (mode 0700)
 * under BUILD_ROOT, so a half-built file is never in the store.
 */
export const newExportFile = async (): Promise<{ storedAs: string; filePath: string }> => {
  const storedAs = `${randomBytes(24).toString('hex')}.zip`
  await fs.promises.mkdir(BUILD_ROOT, { recursive: true, mode: 0o700 })
  const folder = await fs.promises.mkdtemp(path.join(BUILD_ROOT, 'build-'))
  return { storedAs, filePath: path.join(folder, storedAs) }
}

/**
 * Build folders a process left behind (it was killed mid-build) once they are older than
 * `olderThanMs`: each holds a copy of someone's personal data. The number removed.
 */
export const sweepAbandonedBuilds = async (olderThanMs: number, now = Date.now()) => {
  const entries = await fs.promises.readdir(BUILD_ROOT).catch(() => [] as string[])
  let removed = 0
  for (const entry of entries) {
    const folder = path.join(BUILD_ROOT, entry)
    const stats = await fs.promises.stat(folder).catch(() => null)
    if (!stats || now - stats.mtimeMs < olderThanMs) continue
    await fs.promises.rm(folder, { recursive: true, force: true })
    removed += 1
  }
  return removed
}

/** Removes a ZIP being built, and its temp folder. */
export const discardExportFile = async (filePath: string): Promise<void> => {
  await fs.promises.rm(path.dirname(filePath), { recursive: true, force: true })
}

/** Puts a finished ZIP into the store under its name (the caller discards the built file). */
export const storeExportFile = async (
  storedAs: string,
  filePath: string,
  size: number,
): Promise<void> => {
  await store().write(COLLECTION, storedAs, fs.createReadStream(filePath), {
    size,
    contentType: 'application/zip',
  })
}

/**
 * A stored ZIP's size, and a way to open its bytes once the caller is ready to send them;
 * null for a name that is not one of ours or a file that is gone.
 */
export const findStoredExport = async (
  storedAs: string | null | undefined,
): Promise<{ size: number; open: () => Promise<Readable | null> } | null> => {
  if (!isStoredName(storedAs)) return null
  const size = await store().size(COLLECTION, storedAs)
  if (size === null) return null
  return { size, open: () => store().read(COLLECTION, storedAs) }
}

/** Deletes a stored ZIP; false for a name that is not one of ours (nothing is touched). */
export const deleteExportFile = async (storedAs: string | null | undefined): Promise<boolean> => {
  if (!isStoredName(storedAs)) return false
  await store().remove(COLLECTION, storedAs)
  return true
}

/** Every ZIP in the store, for the clean-up of files no export names. */
export const storedExportFiles = (): AsyncIterable<StoredFile> => store().list(COLLECTION)
