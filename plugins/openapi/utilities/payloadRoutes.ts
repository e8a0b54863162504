import type { SanitizedCollectionConfig, SanitizedGlobalConfig } from 'payload'

import { createdExtraOf, DOCUMENT_EXTRA_KEYWORD, DOCUMENT_KEYWORD } from '../contract'
import type { Schema } from './schemas'

export type Operation = {
  summary: string
  description?: string
  parameters?: Schema[]
  requestBody?: Schema
  responses: Record<string, Schema>
  /** Whether the call needs credentials (false: anyone may call it; access rules still apply). */
  needsCaller?: boolean
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: Schema, description: string): Schema => ({
  description,
  content: { 'application/json': { schema } },
})
const body = (schema: Schema): Schema => ({
  required: true,
  content: { 'application/json': { schema } },
})
const query = (name: string, schema: Schema, description: string): Schema => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
})
const failure = (description: string) => json(ref('PayloadError'), description)
const message = (extra: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  properties: { message: { type: 'string' }, ...extra },
  required: ['message'],
})
const file = (description: string): Schema => ({
  description,
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
})

const depth = query(
  'depth',
  { type: 'integer', minimum: 0, maximum: 10 },
  'How many levels of related documents to include in place of their ids (default 2).',
)
const select = query(
  'select',
  { type: 'object', additionalProperties: { type: 'boolean' } },
  'Only these fields, as `select[field]=true`.',
)
const where = {
  ...query(
    'where',
    { type: 'object', additionalProperties: true },
    "Filters in Payload's query syntax, as `where[field][operator]=value` (`equals`, `not_equals`, `in`, `like`, `contains`, `greater_than`, `less_than`, `exists`, `near`; `and`/`or` nest). Filters on a field the caller may not read are refused with 403.",
  ),
  style: 'deepObject',
  explode: true,
}
const listParameters = [
  where,
  query('sort', { type: 'string' }, 'A field to sort by; `-field` for descending.'),
  query('limit', { type: 'integer', minimum: 0, maximum: 100 }, 'Documents per page (default 10).'),
  query('page', { type: 'integer', minimum: 1 }, 'The page to read (default 1).'),
  depth,
  select,
  query('pagination', { type: 'boolean' }, '`false` returns every match on one page.'),
]

const page = (of: Schema): Schema => ({
  type: 'object',
  properties: {
    docs: { type: 'array', items: of },
    totalDocs: { type: 'integer' },
    limit: { type: 'integer' },
    totalPages: { type: 'integer' },
    page: { type: 'integer' },
    pagingCounter: { type: 'integer' },
    hasPrevPage: { type: 'boolean' },
    hasNextPage: { type: 'boolean' },
    prevPage: { type: ['integer', 'null'] },
    nextPage: { type: ['integer', 'null'] },
  },
  required: ['docs', 'totalDocs', 'limit', 'totalPages', 'hasPrevPage', 'hasNextPage'],
})

const bulk = (of: Schema): Schema => ({
  type: 'object',
  properties: {
    docs: { type: 'array', items: of },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: ['integer', 'string'] }, message: { type: 'string' } },
      },
    },
    message: { type: 'string' },
  },
  required: ['docs', 'errors'],
})

const permissions: Schema = {
  type: 'object',
  additionalProperties: true,
  description:
    'What the caller may do: `{ create, read, update, delete, fields }`, each `{ permission: boolean }`.',
}

const commonFailures = {
  400: failure('The request is malformed: a value of the wrong shape, an unknown field or filter.'),
  401: failure('Credentials are missing or no longer valid.'),
  403: failure('The caller may not do this, or may not filter on that field.'),
}

type Entity = {
  slug: string
  label: string
  doc: Schema
  /** The document as the answer to a create has it (with what only that answer shows). */
  created?: Schema
}

type Describe = (entity: Entity) => Operation

const versions: Record<'list' | 'read' | 'restore', Describe> = {
  list: ({ label }) => ({
    summary: `List earlier versions of ${label}`,
    parameters: listParameters,
    responses: { 200: json(page({ type: 'object' }), 'One page of versions.'), ...commonFailures },
    needsCaller: true,
  }),
  read: ({ label }) => ({
    summary: `Read an earlier version of ${label}`,
    parameters: [depth],
    responses: { 200: json({ type: 'object' }, 'The version.'), ...commonFailures },
    needsCaller: true,
  }),
  restore: ({ label, doc }) => ({
    summary: `Restore an earlier version of ${label}`,
    responses: { 200: json(message({ doc }), 'Restored.'), ...commonFailures },
    needsCaller: true,
  }),
}

const collectionRoutes: Record<string, Describe> = {
  'get /': ({ label, doc }) => ({
    summary: `List ${label}`,
    description: 'Only the documents the caller may read are counted and returned.',
    parameters: listParameters,
    responses: { 200: json(page(doc), 'One page of documents.'), ...commonFailures },
  }),
  'post /': ({ slug, label, doc, created }) => ({
    summary: `Create one of the ${label}`,
    parameters: [depth],
    requestBody: body(ref(`${slug}.create`)),
    responses: {
      201: json(message({ doc: created ?? doc }), 'Created.'),
      ...commonFailures,
    },
    needsCaller: true,
  }),
  'patch /': ({ slug, label, doc }) => ({
    summary: `Change every one of the ${label} a filter matches`,
    parameters: [where, depth],
    requestBody: body(ref(`${slug}.update`)),
    responses: {
      200: json(bulk(doc), 'The changed documents and any refusals.'),
      ...commonFailures,
    },
    needsCaller: true,
  }),
  'delete /': ({ label, doc }) => ({
    summary: `Delete every one of the ${label} a filter matches`,
    parameters: [where, depth],
    responses: {
      200: json(bulk(doc), 'The deleted documents and any refusals.'),
      ...commonFailures,
    },
    needsCaller: true,
  }),
  'get /count': ({ label }) => ({
    summary: `Count ${label}`,
    parameters: [where],
    responses: {
      200: json(
        { type: 'object', properties: { totalDocs: { type: 'integer' } }, required: ['totalDocs'] },
        'How many documents the caller may read match.',
      ),
      ...commonFailures,
    },
  }),
  'get /:id': ({ label, doc }) => ({
    summary: `Read one of the ${label}`,
    parameters: [depth, select],
    responses: {
      200: json(doc, 'The document.'),
      ...commonFailures,
      404: failure('No such document, or one the caller may not read.'),
    },
  }),
  'patch /:id': ({ slug, label, doc }) => ({
    summary: `Change one of the ${label}`,
    parameters: [depth],
    requestBody: body(ref(`${slug}.update`)),
    responses: {
      200: json(message({ doc }), 'Changed.'),
      ...commonFailures,
      404: failure('No such document, or one the caller may not change.'),
    },
    needsCaller: true,
  }),
  'delete /:id': ({ label, doc }) => ({
    summary: `Delete one of the ${label}`,
    parameters: [depth],
    responses: {
      200: json(message({ doc }), 'Deleted.'),
      ...commonFailures,
      404: failure('No such document, or one the caller may not delete.'),
    },
    needsCaller: true,
  }),
  'post /:id/duplicate': ({ label, doc }) => ({
    summary: `Copy one of the ${label}`,
    responses: { 201: json(message({ doc }), 'The copy.'), ...commonFailures },
    needsCaller: true,
  }),
  'post /access/:id?': ({ label }) => ({
    summary: `What the caller may do with ${label} (or one of them)`,
    responses: { 200: json(permissions, 'Permissions.') },
  }),
  'get /versions': versions.list,
  'get /versions/:id': versions.read,
  'post /versions/:id': versions.restore,
}

const credentials: Schema = {
  type: 'object',
  properties: { email: { type: 'string', format: 'email' }, password: { type: 'string' } },
  required: ['email', 'password'],
}
const emailOnly: Schema = {
  type: 'object',
  properties: { email: { type: 'string', format: 'email' } },
  required: ['email'],
}

const authRoutes: Record<string, Describe> = {
  'post /login': ({ doc }) => ({
    summary: 'Sign in with email and password',
    requestBody: body(credentials),
    responses: {
      200: json(
        message({ user: doc, token: { type: 'string' }, exp: { type: 'integer' } }),
        'Signed in: the token also arrives as the `payload-token` cookie.',
      ),
      401: failure('Wrong email or password.'),
    },
  }),
  'post /logout': () => ({
    summary: 'Sign out (ends this session)',
    responses: { 200: json(message(), 'Signed out.') },
  }),
  'get /me': ({ doc }) => ({
    summary: 'The signed-in account',
    responses: {
      200: json(
        {
          type: 'object',
          properties: {
            user: { oneOf: [doc, { type: 'null' }] },
            collection: { type: 'string' },
            exp: { type: 'integer' },
            token: { type: 'string' },
          },
        },
        'The account, or `user: null` when signed out.',
      ),
    },
  }),
  'post /refresh-token': ({ doc }) => ({
    summary: 'A new token for this session',
    responses: {
      200: json(
        message({ refreshedToken: { type: 'string' }, exp: { type: 'integer' }, user: doc }),
        'Refreshed.',
      ),
      401: failure('Not signed in.'),
    },
    needsCaller: true,
  }),
  'post /forgot-password': () => ({
    summary: 'Email a password reset link',
    requestBody: body(emailOnly),
    responses: { 200: json(message(), 'Sent if the account exists (the answer does not say).') },
  }),
  'post /reset-password': ({ doc }) => ({
    summary: 'Set a new password with a reset token',
    requestBody: body({
      type: 'object',
      properties: { token: { type: 'string' }, password: { type: 'string' } },
      required: ['token', 'password'],
    }),
    responses: { 200: json(message({ user: doc, token: { type: 'string' } }), 'Reset.') },
  }),
  'post /unlock': () => ({
    summary: 'Unlock an account locked after failed sign-ins (staff)',
    requestBody: body(emailOnly),
    responses: { 200: json(message(), 'Unlocked.'), ...commonFailures },
    needsCaller: true,
  }),
  'post /first-register': ({ doc }) => ({
    summary: 'Create the first account of an empty installation',
    requestBody: body(credentials),
    responses: {
      200: json(message({ user: doc, token: { type: 'string' } }), 'Created.'),
      403: failure('There are accounts already.'),
    },
  }),
  'get /init': () => ({
    summary: 'Whether the installation has its first account',
    responses: {
      200: json(
        { type: 'object', properties: { initialized: { type: 'boolean' } } },
        'Whether any account exists.',
      ),
    },
  }),
  'post /verify/:id': () => ({
    summary: 'Verify an email address with the token sent to it',
    responses: { 200: json(message(), 'Verified.'), 403: failure('Unknown or used token.') },
  }),
  'post /:id/api-key/reveal': () => ({
    summary: "Show an account's API key",
    responses: {
      200: json({ type: 'object', properties: { apiKey: { type: 'string' } } }, 'The key.'),
      ...commonFailures,
    },
    needsCaller: true,
  }),
}

const uploadRoutes: Record<string, Describe> = {
  'get /file/:filename': ({ label }) => ({
    summary: `Download a file of ${label}`,
    description:
      'Public media is served to anyone; private files only to those whose access rules allow them, and a 404 otherwise.',
    responses: {
      200: file('The file.'),
      404: failure('No such file, or one the caller may not read.'),
    },
  }),
  'get /paste-url/:id?': () => ({
    summary: 'Fetch a file from a URL for an upload (admin)',
    parameters: [query('src', { type: 'string', format: 'uri' }, 'The URL to fetch.')],
    responses: { 200: file('The fetched file.'), ...commonFailures },
    needsCaller: true,
  }),
}

/** The jobs queue's routes refuse with a bare `{ message }`. */
const jobsRefusals = {
  401: json(message(), 'Not signed in as someone allowed to run jobs.'),
  403: json(message(), 'Not allowed to run jobs.'),
}

/**
 * Routes that Payload's jobs queue and preferences, and its official plugins (import/export),
 * add to particular collections: ours to describe, though not ours to attach a contract to.
 */
const internalRoutes: Record<string, Describe> = {
  'payload-jobs get /run': () => ({
    summary: 'Run queued jobs now (admin)',
    responses: { 200: json(message(), 'Ran.'), ...jobsRefusals },
    needsCaller: true,
  }),
  'payload-jobs get /handle-schedules': () => ({
    summary: 'Queue scheduled jobs that are due (admin)',
    responses: { 200: json(message(), 'Queued.'), ...jobsRefusals },
    needsCaller: true,
  }),
  'payload-preferences get /:key': () => ({
    summary: "One of the signed-in person's admin preferences",
    responses: { 200: json({ type: 'object' }, 'The preference.'), ...commonFailures },
    needsCaller: true,
  }),
  'payload-preferences post /:key': () => ({
    summary: "Save one of the signed-in person's admin preferences",
    requestBody: body({ type: 'object', properties: { value: {} } }),
    responses: { 200: json({ type: 'object' }, 'Saved.'), ...commonFailures },
    needsCaller: true,
  }),
  'payload-preferences delete /:key': () => ({
    summary: "Forget one of the signed-in person's admin preferences",
    responses: { 200: json(message(), 'Forgotten.'), ...commonFailures },
    needsCaller: true,
  }),
  'exports post /download': () => ({
    summary: 'Download a collection export (staff, in the admin)',
    responses: { 200: file('The export (CSV or JSON).'), ...commonFailures },
    needsCaller: true,
  }),
  'exports post /export-preview': () => ({
    summary: 'Preview a collection export (staff, in the admin)',
    responses: { 200: json({ type: 'object' }, 'The first rows.'), ...commonFailures },
    needsCaller: true,
  }),
}

const globalRoutes: Record<string, Describe> = {
  'get /': ({ label, doc }) => ({
    summary: `Read ${label}`,
    parameters: [depth],
    responses: { 200: json(doc, 'The global.'), ...commonFailures },
  }),
  'post /': ({ label, doc }) => ({
    summary: `Change ${label}`,
    requestBody: body({ type: 'object' }),
    responses: { 200: json(message({ result: doc }), 'Changed.'), ...commonFailures },
    needsCaller: true,
  }),
  'post /access': ({ label }) => ({
    summary: `What the caller may do with ${label}`,
    responses: { 200: json(permissions, 'Permissions.') },
  }),
  'get /versions': versions.list,
  'get /versions/:id': versions.read,
  'post /versions/:id': versions.restore,
}

const labelOf = (label: unknown, slug: string): string =>
  typeof label === 'string' ? label.toLowerCase() : slug

const entityOf = (collection: SanitizedCollectionConfig): Entity => {
  const createdExtra = createdExtraOf(collection.custom)
  return {
    slug: collection.slug,
    label: labelOf(collection.labels?.plural, collection.slug),
    doc: ref(collection.slug),
    ...(createdExtra && {
      created: { [DOCUMENT_KEYWORD]: collection.slug, [DOCUMENT_EXTRA_KEYWORD]: createdExtra },
    }),
  }
}

/** A route an official plugin or Payload's internals add to this one collection. */
export const pluginCollectionRoute = (
  collection: SanitizedCollectionConfig,
  method: string,
  path: string,
): Operation | undefined =>
  internalRoutes[`${collection.slug} ${method} ${path}`]?.(entityOf(collection))

/** Payload's own description of a collection route, or undefined when it is not one of Payload's. */
export const payloadCollectionRoute = (
  collection: SanitizedCollectionConfig,
  method: string,
  path: string,
): Operation | undefined => {
  const key = `${method} ${path}`
  const describe =
    (collection.auth ? authRoutes[key] : undefined) ??
    (collection.upload ? uploadRoutes[key] : undefined) ??
    collectionRoutes[key]
  return describe?.(entityOf(collection)) ?? pluginCollectionRoute(collection, method, path)
}

export const payloadGlobalRoute = (
  global: SanitizedGlobalConfig,
  method: string,
  path: string,
): Operation | undefined =>
  globalRoutes[`${method} ${path}`]?.({
    slug: global.slug,
    label: labelOf(global.label, global.slug),
    doc: ref(global.slug),
  })

export const payloadRootRoutes: Record<string, Operation> = {
  'get /access': {
    summary: 'What the caller may do in every collection and global',
    responses: { 200: json(permissions, 'Permissions.') },
  },
}
