import { z } from 'zod'

/**
 * What a backup holds, written as the archive's last entry (`manifest.json`): enough to check
 * every byte before anything is restored and every table after.
 */

export const MANIFEST_ENTRY = 'manifest.json'
export const FORMAT = 'eventpros-backup'
export const FORMAT_VERSION = 1

/** Migrations are named by timestamp; development databases are pushed instead. */
export const PUSHED_SCHEMA = 'push'

const digest = { bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }

const column = z.object({ name: z.string(), type: z.string() })
export type Column = z.infer<typeof column>

const table = z.object({
  name: z.string(),
  entry: z.string(),
  columns: z.array(column),
  rows: z.number().int().min(0),
  ...digest,
})
export type TableManifest = z.infer<typeof table>

const sequence = z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })
export type SequenceManifest = z.infer<typeof sequence>

const file = z.object({
  store: z.string(),
  key: z.string(),
  entry: z.string(),
  contentType: z.string().optional(),
  cacheControl: z.string().optional(),
  ...digest,
})
export type FileManifest = z.infer<typeof file>

const manifest = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  migration: z.string(),
  database: z.object({
    serverVersion: z.string(),
    tables: z.array(table),
    sequences: z.array(sequence),
  }),
  /** Where each store's files came from (a folder or a bucket), for the person restoring. */
  stores: z.record(z.string(), z.string()),
  files: z.array(file),
})
export type Manifest = z.infer<typeof manifest>

/** A refusal to back up or restore, in words the operator can act on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

export const parseManifest = (json: string): Manifest => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new BackupError(`${MANIFEST_ENTRY} in the archive is not JSON.`)
  }
  const result = manifest.safeParse(value)
  if (!result.success) {
    throw new BackupError(
      `${MANIFEST_ENTRY} is not an Event Pros backup manifest (format ${FORMAT} ${FORMAT_VERSION}): ` +
        result.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; '),
    )
  }
  return result.data
}
