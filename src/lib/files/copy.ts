import path from 'node:path'
import { buffer } from 'node:stream/consumers'

import { fileTypeFromBuffer } from 'file-type'

import { type FileStore, STORED_COLLECTIONS, type StoredCollection } from './store'

/** Types the bytes do not tell (text): admin exports are CSV or JSON. */
const BY_EXTENSION: Record<string, string> = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
}

/**
 * The type a copied file is served with: the adapter sends the object's own, and the files
 * plugin turns anything but an image into a download, so an image must not arrive as bytes.
 */
const contentTypeOf = async (filename: string, bytes: Buffer) =>
  (await fileTypeFromBuffer(bytes))?.mime ??
  BY_EXTENSION[path.extname(filename).toLowerCase()] ??
  'application/octet-stream'

export type CopyCounts = Record<StoredCollection, { copied: number; skipped: number }>

/**
 * Copies every file the app keeps (uploads and data export ZIPs) from one store into another, under the same
 * names: a file already there with the same size is skipped, so a copy cut short is finished by
 * running it again. Files are read one at a time (uploads are at most a few megabytes).
 */
export const copyFiles = async (
  from: FileStore,
  to: FileStore,
  onFile?: (collection: StoredCollection, filename: string, copied: boolean) => void,
): Promise<CopyCounts> => {
  const counts = {} as CopyCounts
  for (const collection of STORED_COLLECTIONS) {
    const count = (counts[collection] = { copied: 0, skipped: 0 })
    for await (const { filename, size } of from.list(collection)) {
      if ((await to.size(collection, filename)) === size) {
        count.skipped += 1
        onFile?.(collection, filename, false)
        continue
      }
      const source = await from.read(collection, filename)
      if (!source) continue
      const bytes = await buffer(source)
      await to.write(collection, filename, bytes, {
        size: bytes.length,
        contentType: await contentTypeOf(filename, bytes),
      })
      count.copied += 1
      onFile?.(collection, filename, true)
    }
  }
  return counts
}
