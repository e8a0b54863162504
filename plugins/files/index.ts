import path from 'node:path'

import type { CollectionConfig, Config } from 'payload'

import { refuseMissingFiles } from './handlers/refuseMissingFiles'
import { withResponseHeaders } from './handlers/withResponseHeaders'
import { generateFileName } from './hooks/generateFileName'
import { uniqueFileName } from './hooks/uniqueFileName'
import type { FilesPluginConfig, SanitizedFilesPluginConfig } from './types'
import { guardFileRoutes } from './utilities/guardFileRoutes'

export type { FilesPluginConfig } from './types'
export { fileNotFound } from './utilities/notFound'
export { safeFileName } from './utilities/safeFileName'

/** Where a private collection's files live: its own folder under the private root. */
export const privateFolder = (privateDir: string, slug: string) => path.resolve(privateDir, slug)

/** A year: public files never change at an address (`uniqueFileName`). */
const PUBLIC_FILE_MAX_AGE = 365 * 24 * 60 * 60

/**
 * An uploaded file is data, never a page: no sniffing its type, a policy that runs nothing if
 * it is opened as a document, and anything but an image downloaded rather than shown. Public
 * files are cached for a year as immutable; private ones are never stored by anyone.
 */
const fileResponseHeaders =
  (isPrivate: boolean) =>
  ({ headers }: { headers: Headers }) => {
    headers.set(
      'Cache-Control',
      isPrivate ? 'private, no-store' : `public, max-age=${PUBLIC_FILE_MAX_AGE}, immutable`,
    )
    return dataOnly(headers)
  }

const dataOnly = (headers: Headers) => {
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'none'")
  if (!headers.get('Content-Type')?.startsWith('image/')) {
    headers.set('Content-Disposition', 'attachment')
  }
  return headers
}

const uploadOf = (collection: CollectionConfig) =>
  typeof collection.upload === 'object' ? collection.upload : {}

/**
 * Files served by the app stay where they belong: every upload collection's file route refuses
 * names that could leave its folder, and answers 404 for files that are not there; private
 * collections store their files, under generated names, in a root no public route serves.
 * Public files are stored under names of their own too, so they can be cached as immutable.
 */
export const filesPlugin =
  (options: FilesPluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedFilesPluginConfig = {
      disabled: false,
      uncachedCollections: [],
      ...options,
    }
    return {
      ...config,
      onInit: async (payload) => {
        if (!sanitized.disabled) guardFileRoutes(payload)
        await config.onInit?.(payload)
      },
      collections: (config.collections ?? []).map((collection) => {
        if (!collection.upload) return collection
        const isPrivate = sanitized.privateCollections.includes(collection.slug)
        const upload = uploadOf(collection)
        const staticDir = isPrivate
          ? privateFolder(sanitized.privateDir, collection.slug)
          : path.resolve(upload.staticDir ?? collection.slug)
        if (sanitized.disabled) {
          return isPrivate ? { ...collection, upload: { ...upload, staticDir } } : collection
        }
        const modifyResponseHeaders = fileResponseHeaders(
          isPrivate || sanitized.uncachedCollections.includes(collection.slug),
        )
        // Files a storage adapter keeps elsewhere (a bucket) are not on this disk to look for
        // (the plugin that adds the adapter refuses missing ones), and its handler serves them.
        const handlers = upload.disableLocalStorage
          ? (upload.handlers ?? []).map((handler) =>
              withResponseHeaders(handler, modifyResponseHeaders),
            )
          : [refuseMissingFiles(staticDir), ...(upload.handlers ?? [])]
        return {
          ...collection,
          upload: {
            ...upload,
            staticDir,
            handlers,
            modifyResponseHeaders,
          },
          hooks: {
            ...collection.hooks,
            beforeOperation: [
              ...(collection.hooks?.beforeOperation ?? []),
              isPrivate ? generateFileName : uniqueFileName,
            ],
          },
        }
      }),
    }
  }
