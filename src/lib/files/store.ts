import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'

import { slugs } from '@/collections/slugs'
import type { Env } from '@/lib/kit/env'
import { EXPORTS_SLUG } from '@/lib/trust/exportSlugs'
import { privateFolder } from '@/plugins/files'

/**
 * Every upload collection and where its files go in the bucket. Public media and private files
 * sit under prefixes of their own, so a bucket policy or CDN may open `public/` and nothing
 * else; no object is ever given a public ACL.
 */
export const UPLOAD_PREFIXES = {
  [slugs.media]: 'public/media',
  [slugs.verificationDocuments]: 'private/verification-documents',
  [slugs.messageAttachments]: 'private/message-attachments',
  [EXPORTS_SLUG]: 'private/exports',
} as const

/**
 * Every file the app keeps: the uploads, and the ZIPs of people's data exports (not an upload
 * collection: the export job writes them, and only the download route reads them).
 */
export const BUCKET_PREFIXES = {
  ...UPLOAD_PREFIXES,
  [slugs.dataExports]: 'private/data-exports',
} as const

export type StoredCollection = keyof typeof BUCKET_PREFIXES
export type UploadCollection = keyof typeof UPLOAD_PREFIXES

export const STORED_COLLECTIONS = Object.keys(BUCKET_PREFIXES) as StoredCollection[]
export const UPLOAD_COLLECTIONS = Object.keys(UPLOAD_PREFIXES) as UploadCollection[]

/**
 * The object a file is kept at: its collection's prefix and its name. The storage adapter
 * builds the same key, since nobody but the system may write a document's `prefix`
 * (src/lib/files/storage.ts).
 */
export const objectKey = (collection: StoredCollection, filename: string) =>
  `${BUCKET_PREFIXES[collection]}/${filename}`

export type StoredFile = { filename: string; size: number; modifiedAt: Date }

/** Where uploaded files are kept, whichever the environment chose: this disk or a bucket. */
export type FileStore = {
  /** The file's size in bytes, or null when it is not stored. */
  size: (collection: StoredCollection, filename: string) => Promise<number | null>
  /** The file's bytes, or null when it is not stored. */
  read: (collection: StoredCollection, filename: string) => Promise<Readable | null>
  write: (
    collection: StoredCollection,
    filename: string,
    body: Buffer | Readable,
    meta: { size: number; contentType: string },
  ) => Promise<void>
  /** Deletes the file; one that is not there is no error. */
  remove: (collection: StoredCollection, filename: string) => Promise<void>
  /** Every file of a collection (not the resized copies' own list: they are files too). */
  list: (collection: StoredCollection) => AsyncIterable<StoredFile>
}

/** The folders Payload writes to on disk: `MEDIA_DIR`, and one per private collection. */
export const diskFolder = (env: Env, collection: StoredCollection) =>
  collection === slugs.media
    ? path.resolve(env.MEDIA_DIR)
    : privateFolder(env.PRIVATE_FILES_DIR, collection)

const missing = (error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') return null
  throw error
}

export const diskFileStore = (env: Env): FileStore => {
  const fileOf = (collection: StoredCollection, filename: string) =>
    path.join(diskFolder(env, collection), path.basename(filename))
  return {
    size: async (collection, filename) => {
      const stats = await fs.promises.stat(fileOf(collection, filename)).catch(missing)
      return stats?.isFile() ? stats.size : null
    },
    read: async (collection, filename) => {
      const file = fileOf(collection, filename)
      const stats = await fs.promises.stat(file).catch(missing)
      return stats?.isFile() ? fs.createReadStream(file) : null
    },
    write: async (collection, filename, body) => {
      const file = fileOf(collection, filename)
      // Private files are for the app's process alone; public media for whoever serves it.
      const isPrivate = collection !== slugs.media
      await fs.promises.mkdir(path.dirname(file), {
        recursive: true,
        ...(isPrivate ? { mode: 0o700 } : {}),
      })
      // A dot file, which `list` skips, until it is complete.
      const partial = path.join(
        path.dirname(file),
        `.${path.basename(file)}.${process.pid}.partial`,
      )
      try {
        await pipeline(
          Buffer.isBuffer(body) ? Readable.from([body]) : body,
          fs.createWriteStream(partial, isPrivate ? { mode: 0o600 } : {}),
        )
        await fs.promises.rename(partial, file)
      } catch (error) {
        await fs.promises.rm(partial, { force: true })
        throw error
      }
    },
    remove: async (collection, filename) => {
      await fs.promises.rm(fileOf(collection, filename), { force: true })
    },
    list: async function* (collection) {
      const folder = diskFolder(env, collection)
      const entries = await fs.promises.readdir(folder, { withFileTypes: true }).catch(missing)
      for (const entry of entries ?? []) {
        // Dot files are the seed's render pool and partial writes, not uploads.
        if (!entry.isFile() || entry.name.startsWith('.')) continue
        const { size, mtime } = await fs.promises.stat(path.join(folder, entry.name))
        yield { filename: entry.name, size, modifiedAt: mtime }
      }
    },
  }
}

/**
 * The AWS SDK's settings from validated env. Without keys the SDK's own chain answers (an
 * instance or task role), which is how AWS would have it.
 */
export const s3ClientConfig = (env: Env): S3ClientConfig => ({
  region: env.S3_REGION,
  endpoint: env.S3_ENDPOINT,
  forcePathStyle: env.S3_FORCE_PATH_STYLE,
  // Checksums only where S3 requires them: the SDK's default sends streamed bodies as
  // `aws-chunked` with a trailing checksum, which many S3-compatible services store verbatim.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  credentials:
    env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
      : undefined,
})

const isNotFound = (error: unknown) => {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404
}

export const s3FileStore = (client: S3Client, bucket: string): FileStore => ({
  size: async (collection, filename) => {
    try {
      const head = await client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: objectKey(collection, filename) }),
      )
      return head.ContentLength ?? 0
    } catch (error) {
      if (isNotFound(error)) return null
      throw error
    }
  },
  read: async (collection, filename) => {
    try {
      const object = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: objectKey(collection, filename) }),
      )
      return object.Body instanceof Readable ? object.Body : null
    } catch (error) {
      if (isNotFound(error)) return null
      throw error
    }
  },
  write: async (collection, filename, body, { size, contentType }) => {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: objectKey(collection, filename),
        Body: body,
        ContentLength: size,
        ContentType: contentType,
      }),
    )
  },
  remove: async (collection, filename) => {
    // S3 answers a delete of a key that is not there with success too.
    await client.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(collection, filename) }),
    )
  },
  list: async function* (collection) {
    const prefix = `${BUCKET_PREFIXES[collection]}/`
    let token: string | undefined
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      )
      for (const object of page.Contents ?? []) {
        const filename = object.Key?.slice(prefix.length)
        if (filename && !filename.includes('/'))
          yield { filename, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  },
})

/** The bucket when S3_BUCKET is set, else this machine's disk: chosen once, from env. */
export const fileStoreFromEnv = (env: Env): FileStore =>
  env.S3_BUCKET ? s3FileStore(new S3Client(s3ClientConfig(env)), env.S3_BUCKET) : diskFileStore(env)
