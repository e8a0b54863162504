import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { slugs } from '@/collections/slugs'
import { getEnv } from '@/lib/kit/env'
import { privateFolder } from '@/plugins/files'

/** The folder of finished ZIPs, under PRIVATE_FILES_DIR: no public route serves it. */
export const exportFolder = (): string =>
  privateFolder(getEnv().PRIVATE_FILES_DIR, slugs.dataExports)

/** A new, unguessable name for a ZIP in the folder (created if needed). */
export const newExportFile = async (): Promise<{ storedAs: string; filePath: string }> => {
  const folder = exportFolder()
  await fs.promises.mkdir(folder, { recursive: true, mode: 0o700 })
  const storedAs = `${randomBytes(24).toString('hex')}.zip`
  return { storedAs, filePath: path.join(folder, storedAs) }
}

/**
 * The path of a stored ZIP, or null for a name that is not one of ours (it could step out of
 * the folder, or the file is gone).
 */
export const storedExportPath = (storedAs: string | null | undefined): string | null => {
  if (!storedAs || !/^[a-f0-9]{48}\.zip$/.test(storedAs)) return null
  const filePath = path.join(exportFolder(), storedAs)
  return fs.existsSync(filePath) ? filePath : null
}

export const deleteExportFile = async (storedAs: string | null | undefined): Promise<void> => {
  const filePath = storedExportPath(storedAs)
  if (filePath) await fs.promises.rm(filePath, { force: true })
}
