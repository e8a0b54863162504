import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'

import { s3ClientConfig } from '@/lib/files/store'
import type { Env } from '@/lib/kit/env'

import { BackupError } from './manifest'

export type StoredFile = { key: string; size: number }

export type FileMeta = { contentType?: string; cacheControl?: string }

/**
 * Somewhere the app keeps files, backed up whole: a folder on disk or a bucket, every file in
 * it whatever collection it belongs to (the app's own per-collection view is `FileStore` in
 * src/lib/files/store.ts). Keys are `/`-separated paths relative to the store, the same in
 * every kind of store.
 */
export type BackupStore = {
  /** The store's name in the archive (`files/<name>/<key>`). */
  name: string
  /** Where it is, for messages and the manifest. */
  location: string
  list: () => AsyncIterable<StoredFile>
  open: (file: StoredFile) => Promise<{ body: AsyncIterable<Buffer>; meta: FileMeta }>
  write: (file: StoredFile, body: AsyncIterable<Buffer>, meta: FileMeta) => Promise<void>
  remove: (key: string) => Promise<void>
  isEmpty: () => Promise<boolean>
}

/** A key from an archive must stay inside its store, whoever made the archive. */
const safeKey = (key: string) => {
  const parts = key.split('/')
  if (key === '' || key.startsWith('/') || parts.some((part) => part === '..' || part === '')) {
    throw new BackupError(`The archive names a file outside its store: ${JSON.stringify(key)}.`)
  }
  return key
}

export const localStore = (name: string, dir: string): BackupStore => {
  const root = path.resolve(dir)
  const pathOf = (key: string) => path.join(root, ...safeKey(key).split('/'))

  // Regular files only: uploads are never links, and a link could lead out of the folder.
  async function* walk(folder: string, prefix: string): AsyncGenerator<StoredFile> {
    const entries = await fs.promises.readdir(folder, { withFileTypes: true }).catch((error) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    })
    entries.sort((a, b) => a.name.localeCompare(b.name))
    for (const entry of entries) {
      const full = path.join(folder, entry.name)
      const key = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) yield* walk(full, key)
      else if (entry.isFile()) yield { key, size: (await fs.promises.stat(full)).size }
    }
  }

  return {
    name,
    location: root,
    list: () => walk(root, ''),
    open: async (file) => ({ body: fs.createReadStream(pathOf(file.key)), meta: {} }),
    write: async (file, body) => {
      const target = pathOf(file.key)
      await fs.promises.mkdir(path.dirname(target), { recursive: true })
      // `wx`: an archive listing one key twice must not overwrite the first copy unseen.
      await pipeline(Readable.from(body), fs.createWriteStream(target, { flags: 'wx' }))
    },
    remove: async (key) => fs.promises.rm(pathOf(key), { force: true }),
    isEmpty: async () => {
      for await (const file of walk(root, '')) {
        void file
        return false
      }
      return true
    },
  }
}

export const s3Store = (name: string, client: S3Client, bucket: string): BackupStore => ({
  name,
  location: `s3://${bucket}`,
  list: async function* () {
    let token: string | undefined
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
      )
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) yield { key: object.Key, size: object.Size ?? 0 }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  },
  open: async (file) => {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: file.key }))
    return {
      body: object.Body as Readable,
      meta: { contentType: object.ContentType, cacheControl: object.CacheControl },
    }
  },
  write: async (file, body, meta) => {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: file.key,
        Body: Readable.from(body),
        ContentLength: file.size,
        ContentType: meta.contentType,
        CacheControl: meta.cacheControl,
      }),
    )
  },
  remove: async (key) => {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
  },
  isEmpty: async () => {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }))
    return (page.KeyCount ?? page.Contents?.length ?? 0) === 0
  },
})

/** Every place the app keeps files: both local folders, and the bucket when one is set. */
export const backupStoresFromEnv = (env: Env): BackupStore[] => [
  localStore('media', env.MEDIA_DIR),
  localStore('private', env.PRIVATE_FILES_DIR),
  ...(env.S3_BUCKET ? [s3Store('s3', new S3Client(s3ClientConfig(env)), env.S3_BUCKET)] : []),
]
