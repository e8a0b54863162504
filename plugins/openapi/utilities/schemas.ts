import type { JSONSchema4 } from 'json-schema'
import type { SanitizedConfig } from 'payload'
import { configToJSONSchema } from 'payload'
import { z } from 'zod'

import { DOCUMENT_EXTRA_KEYWORD, DOCUMENT_KEYWORD } from '../contract'

export type Schema = Record<string, unknown>

const componentRef = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })

/** Payload's `#/definitions/x` and our document stand-ins become component references. */
const rewrite = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(rewrite)
  if (!node || typeof node !== 'object') return node
  const object = node as Schema
  if (typeof object[DOCUMENT_KEYWORD] === 'string') {
    // A document with extra properties keeps its marker until the components are known.
    if (object[DOCUMENT_EXTRA_KEYWORD]) return object
    return componentRef(object[DOCUMENT_KEYWORD])
  }
  const out: Schema = {}
  for (const [key, value] of Object.entries(object)) {
    // TypeScript hints for Payload's type generator; no JSON Schema meaning.
    if (key === 'tsType' || key === '$schema') continue
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
      out.$ref = `#/components/schemas/${value.slice('#/definitions/'.length)}`
      continue
    }
    out[key] = rewrite(value)
  }
  // Payload writes an optional select as `type: [..., 'null']` with an enum of its options
  // only, which no validator lets null through; the field's value may be null.
  const types = out.type
  if (Array.isArray(out.enum) && Array.isArray(types) && types.includes('null')) {
    if (!out.enum.includes(null)) out.enum = [...out.enum, null]
  }
  return out
}

/**
 * A zod schema as the OpenAPI 3.1 document shows it (JSON Schema 2020-12): what a request may
 * send (`input`), or what an answer holds (`output`, where an object names every property).
 */
export const fromZod = (schema: z.ZodType, io: 'input' | 'output' = 'input'): Schema =>
  rewrite(z.toJSONSchema(schema, { unrepresentable: 'any', io })) as Schema

type FieldAccess = { name: string; hidden?: boolean; access?: { read?: unknown } }

/** Fields the server sets on every document; a body never carries them. */
const SERVER_SET = ['id', 'createdAt', 'updatedAt', 'deletedAt']

/**
 * Every collection's document schema from the running config (Payload's own JSON Schema, the
 * one `payload-types.ts` is generated from), without the fields no caller is ever sent, and
 * with fields behind field-level read access optional, since who may see them depends on who
 * asks. `<slug>.create` and `<slug>.update` are the bodies Payload's create and update take.
 */
export const collectionSchemas = (
  config: SanitizedConfig,
  neverSent: ReadonlySet<string>,
): Record<string, Schema> => {
  const { definitions = {} } = configToJSONSchema(config, config.db.defaultIDType) as JSONSchema4
  const schemas: Record<string, Schema> = {}
  for (const [name, definition] of Object.entries(definitions)) {
    if (name.endsWith('_select')) continue
    schemas[name] = rewrite(definition) as Schema
  }
  for (const collection of config.collections) {
    const schema = schemas[collection.slug]
    if (!schema) continue
    const all = schema.properties as Record<string, Schema>
    const properties = { ...all }
    let required = (schema.required as string[] | undefined) ?? []
    const hidden = new Set<string>()
    for (const field of collection.flattenedFields as FieldAccess[]) {
      if (field.hidden) hidden.add(field.name)
      if (neverSent.has(field.name) || field.hidden) {
        delete properties[field.name]
        required = required.filter((name) => name !== field.name)
      } else if (field.access?.read && properties[field.name]) {
        const property = properties[field.name] as Schema
        required = required.filter((name) => name !== field.name)
        properties[field.name] = {
          ...property,
          description: [property.description, 'Sent only to callers allowed to read this field.']
            .filter(Boolean)
            .join(' '),
        }
      }
    }
    for (const name of neverSent) delete properties[name]
    if (collection.auth) {
      // What Payload's auth answers (login, me, refresh) add to the account: how it signed in,
      // and no updatedAt for a sign-in that only added a session.
      properties.collection = { type: 'string', const: collection.slug }
      properties._strategy = { type: 'string', description: 'How this request was signed in.' }
      properties.updatedAt = { type: ['string', 'null'] }
    }
    schemas[collection.slug] = { ...schema, properties, required }
    // Secrets a caller may set but is never sent back (an API key) are write-only.
    const writable: Record<string, Schema> = Object.fromEntries(
      Object.entries(all)
        .filter(([name]) => !hidden.has(name) && !SERVER_SET.includes(name))
        .map(([name, property]) => [
          name,
          neverSent.has(name) ? { ...property, writeOnly: true } : property,
        ]),
    )
    const writeRequired = required.filter((name) => name in writable)
    if (collection.auth && !collection.auth.disableLocalStrategy) {
      writable.password = { type: 'string', writeOnly: true }
      writeRequired.push('password')
    }
    schemas[`${collection.slug}.create`] = {
      type: 'object',
      title: `New ${schema.title ?? collection.slug}`,
      properties: writable,
      required: writeRequired,
      // The strict-input plugin refuses fields the collection does not have.
      additionalProperties: false,
    }
    schemas[`${collection.slug}.update`] = {
      type: 'object',
      title: `${schema.title ?? collection.slug} changes`,
      properties: writable,
      additionalProperties: false,
    }
  }
  return schemas
}

/**
 * Documents with extra properties, written out: the collection's schema (which refuses
 * properties it does not name) with the extra ones added, so the answer is still checked whole.
 */
export const withDocumentExtras = (node: unknown, schemas: Record<string, Schema>): unknown => {
  if (Array.isArray(node)) return node.map((item) => withDocumentExtras(item, schemas))
  if (!node || typeof node !== 'object') return node
  const object = node as Schema
  const slug = object[DOCUMENT_KEYWORD]
  const extra = object[DOCUMENT_EXTRA_KEYWORD] as Schema | undefined
  if (typeof slug === 'string' && extra) {
    const base = schemas[slug] ?? {}
    const { $schema: _dialect, ...added } = rewrite(extra) as Schema
    return {
      ...base,
      properties: { ...(base.properties as Schema), ...(added.properties as Schema) },
      required: [
        ...((base.required as string[] | undefined) ?? []),
        ...((added.required as string[] | undefined) ?? []),
      ],
    }
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, withDocumentExtras(value, schemas)]),
  )
}
