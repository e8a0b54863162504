import { importExportPlugin } from '@payloadcms/plugin-import-export'
import type {
  ExportBeforeHook,
  ImportExportPluginConfig,
} from '@payloadcms/plugin-import-export/types'
import type {
  CollectionAfterChangeHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  Endpoint,
  PayloadRequest,
} from 'payload'

import { checkRole } from '@/access/roles'
import { admins } from '@/access/rules'
import { slugs } from '@/collections/slugs'
import { errorResponse, RequestError } from '@/lib/kit/errors'

import { recordAudit } from './audit'
import { SECRET_FIELDS } from './secretFields'

export { EXPORTS_SLUG, IMPORTS_SLUG } from './exportSlugs'

/**
 * What admins may export. Conversations, their attachments and verification documents stay
 * out: staff reading them is audited one document at a time (src/lib/trust/auditReads.ts),
 * which a bulk export would bypass.
 */
export const EXPORTED_COLLECTIONS = [
  slugs.users,
  slugs.vendors,
  slugs.categories,
  slugs.jobs,
  slugs.applications,
  slugs.bookings,
  slugs.reviews,
  slugs.reviewResponses,
  slugs.auditLog,
] as const

const secret = new Set<string>(SECRET_FIELDS)
// A CSV row is flat, its columns named `sessions_0_id`, and a populated relationship's fields
// follow its name (`moderatedBy_sessions_0_id`): a column is secret when any part of it is.
const isSecretColumn = (column: string) =>
  secret.has(column) ||
  SECRET_FIELDS.some(
    (name) =>
      column.startsWith(`${name}_`) || column.endsWith(`_${name}`) || column.includes(`_${name}_`),
  )

const withoutSecrets = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSecrets)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !secret.has(key))
        .map(([key, inner]) => [key, withoutSecrets(inner)]),
    )
  }
  return value
}

/**
 * The export reads with the admin's own access, so no secret's value comes; but the CSV's
 * columns come from the schema, hidden fields and all (`totpSecret`, empty), and the JSON
 * keeps an empty `sessions`. A file that leaves the building names no secret at all.
 */
const dropSecrets: ExportBeforeHook = ({ data, format }) =>
  format === 'csv'
    ? data.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => !isSecretColumn(column))),
      )
    : (data.map(withoutSecrets) as Record<string, unknown>[])

const requireAdmin = (req: PayloadRequest) => {
  if (!checkRole(['admin'], req.user)) {
    throw new RequestError(403, 'FORBIDDEN', 'Only admins can export collections.')
  }
}

type ExportRequest = {
  collectionSlug?: unknown
  format?: unknown
  fields?: unknown
  where?: unknown
}

const auditExport = (req: PayloadRequest, how: 'download' | 'file', request: ExportRequest) =>
  recordAudit(req, {
    action: `export.${how}`,
    targetCollection: String(request.collectionSlug),
    summary: `Exported ${String(request.collectionSlug)} as ${String(request.format).toUpperCase()}${
      how === 'file' ? ' to a saved file' : ''
    }`,
    details: {
      format: request.format,
      fields: request.fields ?? null,
      where: request.where ?? null,
    },
  })

const refuseUnlisted = (collectionSlug: unknown) => {
  if (!EXPORTED_COLLECTIONS.includes(collectionSlug as never)) {
    throw new RequestError(
      400,
      'INVALID_INPUT',
      `Choose one of the collections admins may export: ${EXPORTED_COLLECTIONS.join(', ')}.`,
    )
  }
}

/**
 * What a download or preview asks for, read from a copy of the body so the plugin's handler
 * still reads it: only the collections above (the plugin's routes would take any the admin
 * may read).
 */
const exportRequest = async (req: PayloadRequest, preview: boolean): Promise<ExportRequest> => {
  let body: { data?: ExportRequest } & ExportRequest
  try {
    body = (await req.clone?.().json()) ?? {}
  } catch {
    throw new RequestError(400, 'INVALID_JSON', 'The request body is not valid JSON.')
  }
  const request = (preview ? body : body?.data) ?? {}
  refuseUnlisted(request.collectionSlug)
  return request
}

/**
 * Runs before the plugin's own hook, which writes the file as soon as a create begins (before
 * Payload checks access): only admins, only the collections above.
 */
const refuseExportByOthers: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create') return args
  requireAdmin(req)
  refuseUnlisted((args.data as ExportRequest | undefined)?.collectionSlug)
  return args
}

/** The plugin's download and preview routes, for admins only; a download is audited first. */
const adminsOnly = (endpoint: Endpoint): Endpoint => ({
  ...endpoint,
  handler: async (req) => {
    try {
      requireAdmin(req)
      const request = await exportRequest(req, endpoint.path !== '/download')
      if (endpoint.path === '/download') await auditExport(req, 'download', request)
    } catch (error) {
      return errorResponse(req, error)
    }
    return endpoint.handler(req)
  },
})

/** A saved export (the file kept in the exports collection) is audited once it exists. */
const auditSavedExport: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create') await auditExport(req, 'file', doc as ExportRequest)
  return doc
}

const exportsForAdmins =
  (storageDir: string) =>
  ({ collection }: { collection: CollectionConfig }): CollectionConfig => ({
    ...collection,
    // Files of people's data: beside the other private files, served only through the access check.
    upload: {
      ...(typeof collection.upload === 'object' ? collection.upload : {}),
      staticDir: storageDir,
    },
    admin: {
      ...collection.admin,
      group: 'Trust & safety',
      hidden: ({ user }) => !checkRole(['admin'], user),
    },
    access: { read: admins, create: admins, update: () => false, delete: admins },
    endpoints: (collection.endpoints || []).map(adminsOnly),
    hooks: {
      ...collection.hooks,
      beforeOperation: [refuseExportByOthers, ...(collection.hooks?.beforeOperation ?? [])],
      afterChange: [...(collection.hooks?.afterChange ?? []), auditSavedExport],
    },
  })

/**
 * Imports stay off: a file written straight into these collections would pass the rules the
 * app's own operations check (the state machine, quoting, moderation). The plugin always adds
 * its imports collection, so nobody may use it.
 */
const importsForNobody = ({ collection }: { collection: CollectionConfig }): CollectionConfig => ({
  ...collection,
  admin: { ...collection.admin, hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  endpoints: [],
})

/**
 * CSV and JSON exports of the collections above, from each list view's menu in the admin:
 * admins only, run in the request (the app's job runner serves its own queue), every one
 * audited, and no secret in them. Saved export files are kept in `storageDir`.
 */
export const adminExportsPlugin = ({ storageDir }: { storageDir: string }) =>
  importExportPlugin({
    collections: EXPORTED_COLLECTIONS.map(
      (slug): ImportExportPluginConfig['collections'][number] => ({
        slug,
        import: false,
        export: { disableJobsQueue: true, hooks: { before: dropSecrets } },
      }),
    ),
    overrideExportCollection: exportsForAdmins(storageDir),
    overrideImportCollection: importsForNobody,
  })
