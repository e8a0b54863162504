import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import { fileTypeFromFile } from 'file-type'

import { privateFolder } from '@/plugins/files'

import { slugs } from '../../../collections/slugs'

type Executor = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }
type Row = { id: number; filename: string | null }

/** Where private files were kept before they had a root of their own: inside the public media folder. */
const LEGACY_FOLDERS = [
  { slug: slugs.verificationDocuments, table: 'verification_documents', legacy: 'verification' },
  { slug: slugs.messageAttachments, table: 'message_attachments', legacy: 'attachments' },
] as const

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  )

/** A rename, or a copy when the two folders are on different disks. */
const move = async (from: string, to: string) => {
  await fs.mkdir(path.dirname(to), { recursive: true })
  await fs.rename(from, to).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EXDEV') throw error
    await fs.copyFile(from, to)
    await fs.unlink(from)
  })
}

const rowsOf = (result: unknown): Row[] => (result as { rows?: Row[] }).rows ?? []

/**
 * Moves verification documents and message attachments out of `<mediaDir>/verification` and
 * `<mediaDir>/attachments`, which the public media route could serve, into the private root,
 * each under a generated name recorded on its row. Files no row names are moved too (into an
 * `orphaned-…` folder nothing serves), so nothing private is left public and nothing is lost.
 * Safe to run again: once the old folders are gone it does nothing.
 */
export const relocateLegacyPrivateFiles = async (
  db: Executor,
  { mediaDir, privateDir }: { mediaDir: string; privateDir: string },
): Promise<{ moved: number; orphaned: number }> => {
  let moved = 0
  let orphaned = 0
  for (const { slug, table, legacy } of LEGACY_FOLDERS) {
    const legacyDir = path.resolve(mediaDir, legacy)
    if (!(await exists(legacyDir))) continue
    const rows = rowsOf(await db.execute(sql`SELECT id, filename FROM ${sql.identifier(table)}`))
    for (const row of rows) {
      if (!row.filename || row.filename.includes('/') || row.filename.includes('\\')) continue
      const from = path.join(legacyDir, row.filename)
      if (!(await exists(from))) continue
      const type = await fileTypeFromFile(from)
      const name = `${randomUUID()}${type ? `.${type.ext}` : ''}`
      await move(from, path.join(privateFolder(privateDir, slug), name))
      await db.execute(sql`
        UPDATE ${sql.identifier(table)}
        SET filename = ${name}, url = ${`/api/${slug}/file/${name}`}
        WHERE id = ${row.id}`)
      moved += 1
    }
    for (const left of await fs.readdir(legacyDir)) {
      await move(path.join(legacyDir, left), path.join(privateDir, `orphaned-${legacy}`, left))
      orphaned += 1
    }
    await fs.rmdir(legacyDir)
  }
  return { moved, orphaned }
}
