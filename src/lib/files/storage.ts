import { S3Client } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'
import type { CollectionConfig, Config, Field, Plugin, UploadConfig } from 'payload'

import { systemWritten } from '@/access/rules'
import type { Env } from '@/lib/kit/env'
import { fileNotFound } from '@/plugins/files'

import {
  type FileStore,
  s3ClientConfig,
  s3FileStore,
  UPLOAD_COLLECTIONS,
  UPLOAD_PREFIXES,
  type UploadCollection,
} from './store'

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/** The fields the storage plugin adds to say where a document's file is in the bucket. */
const STORAGE_FIELDS = ['prefix', '_objectKey']

const isStored = (slug: string): slug is UploadCollection =>
  UPLOAD_COLLECTIONS.includes(slug as UploadCollection)

/**
 * Where a file is stored is the system's to say. Payload drops `_objectKey` from requests and
 * an edit's `prefix`, but keeps a `prefix` sent with an upload (the adapter nests it under the
 * collection's): dropped here too, so every file's key is its collection's prefix and its name
 * (`objectKey`), which the missing-file check and `media:migrate` rely on.
 */
const storageFieldsSystemWritten = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection): CollectionConfig => {
    if (!isStored(collection.slug)) return collection
    const fields = collection.fields.map((field): Field =>
      field.type === 'text' && STORAGE_FIELDS.includes(field.name)
        ? { ...field, access: { ...field.access, ...systemWritten } }
        : field,
    )
    return { ...collection, fields }
  }),
})

/**
 * The first handler of a file route when files are in the bucket: a name with no object is the
 * files plugin's 404 (the adapter answers a bare one), before the audit of a staff read runs,
 * as `refuseMissingFiles` does for files on disk. It runs after Payload's access check.
 */
const refuseMissingObjects =
  (store: FileStore) =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection): CollectionConfig => {
      if (!isStored(collection.slug) || typeof collection.upload !== 'object') return collection
      const slug = collection.slug
      const refuse = (async (req, { params }: Parameters<UploadHandler>[1]) => {
        if ((await store.size(slug, params.filename)) === null) return fileNotFound(req)
      }) as UploadHandler
      return {
        ...collection,
        upload: { ...collection.upload, handlers: [refuse, ...(collection.upload.handlers ?? [])] },
      }
    }),
  })

/**
 * Uploads in an S3-compatible bucket when S3_BUCKET is set, through Payload's own adapter;
 * otherwise on disk as before (MEDIA_DIR, PRIVATE_FILES_DIR). Either way every file is served
 * by Payload's access-checked route (`/api/<collection>/file/<name>`), streamed from where it
 * is, with the files plugin's headers: public media cached for a year, private files never.
 * The adapter's fields are added even without a bucket, so both set-ups share one schema.
 * Goes before `filesPlugin`, which then sees the adapter's handlers.
 */
export const storagePlugins = (env: Env): Plugin[] => {
  const bucket = env.S3_BUCKET
  const serverURL = env.NEXT_PUBLIC_SERVER_URL
  const collections = Object.fromEntries(
    Object.entries(UPLOAD_PREFIXES).map(([slug, prefix]) => [
      slug,
      {
        prefix,
        // The address Payload gives a file on disk, unchanged (the adapter would add `?prefix=`).
        generateFileURL: ({ filename }: { filename: string }) =>
          `${serverURL}/api/${slug}/file/${encodeURIComponent(filename)}`,
      },
    ]),
  )
  const plugins: Plugin[] = [
    s3Storage({
      enabled: Boolean(bucket),
      alwaysInsertFields: true,
      bucket: bucket ?? '',
      config: s3ClientConfig(env),
      clientCacheKey: `s3:${env.S3_ENDPOINT ?? 'aws'}:${bucket}`,
      collections,
    }),
    storageFieldsSystemWritten,
  ]
  if (bucket) {
    plugins.push(refuseMissingObjects(s3FileStore(new S3Client(s3ClientConfig(env)), bucket)))
  }
  return plugins
}
