import { type CollectionBeforeOperationHook, type FlattenedField, ValidationError } from 'payload'

import { parseSerialId } from '@/lib/kit/ids'

import { isStorableDate } from '../utilities/queryRules'

type Problem = { path: string; message: string }

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)

const isRelationValue = (field: FlattenedField, value: unknown): boolean => {
  if (field.type !== 'relationship' && field.type !== 'upload') return false
  if (Array.isArray(field.relationTo)) {
    const targets: string[] = field.relationTo
    if (!isPlainObject(value)) return false
    // Payload's own preferences name the collection `collection`, not `relationTo`.
    const collection = value.relationTo ?? value.collection
    const target = isPlainObject(value.value) ? value.value.id : value.value
    return (
      typeof collection === 'string' &&
      targets.includes(collection) &&
      parseSerialId(target) !== null
    )
  }
  return parseSerialId(isPlainObject(value) ? value.id : value) !== null
}

/** PostgreSQL's text columns cannot hold the NUL character. */
const isText = (value: unknown): value is string =>
  typeof value === 'string' && !value.includes('\u0000')

const MAX_JSON_DEPTH = 64

/** Why a JSON value cannot be stored (NUL characters, or nesting deeper than anyone needs). */
const storableJson = (value: unknown, depth = 0): string | null => {
  if (depth > MAX_JSON_DEPTH) return `nested at most ${MAX_JSON_DEPTH} levels deep`
  if (typeof value === 'string') return value.includes('\u0000') ? 'free of NUL characters' : null
  if (!value || typeof value !== 'object') return null
  for (const item of Object.values(value)) {
    const problem = storableJson(item, depth + 1)
    if (problem) return problem
  }
  return null
}

/** What a single value of this field must be, in words, or null when `value` is that. */
const expectedFor = (field: FlattenedField, value: unknown): string | null => {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
    case 'select':
    case 'radio':
      return isText(value) ? null : 'text'
    case 'date':
      return isStorableDate(value) ? null : 'a date such as 2026-12-24'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number'
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'true or false'
    case 'relationship':
    case 'upload':
      return isRelationValue(field, value)
        ? null
        : 'a document id (a whole number from 1 to 2147483647)'
    case 'point':
      return Array.isArray(value) &&
        value.length === 2 &&
        value.every((part) => typeof part === 'number' && Number.isFinite(part))
        ? null
        : 'a [longitude, latitude] pair'
    case 'json':
    case 'richText':
      return storableJson(value)
    case 'group':
    case 'tab':
      return isPlainObject(value) ? null : 'an object'
    case 'array':
    case 'blocks':
      return Array.isArray(value) && value.every(isPlainObject) ? null : 'a list of objects'
    default:
      return null
  }
}

/** Fields holding a list of values (arrays and blocks hold rows, checked as rows). */
const isMany = (field: FlattenedField) => 'hasMany' in field && field.hasMany === true

/** Walks a body against the fields it fills, collecting every value of the wrong shape. */
const checkFields = (
  data: Record<string, unknown>,
  fields: FlattenedField[],
  prefix: string,
  problems: Problem[],
) => {
  for (const field of fields) {
    const value = data[field.name]
    if (value === undefined || value === null) continue
    const path = prefix ? `${prefix}.${field.name}` : field.name
    const values = isMany(field) ? value : [value]
    if (isMany(field) && !Array.isArray(value)) {
      problems.push({ path, message: `${path} must be a list.` })
      continue
    }
    const wrong = (values as unknown[]).map((item) => expectedFor(field, item)).find(Boolean)
    if (wrong) {
      problems.push({ path, message: `${path} must be ${wrong}.` })
      continue
    }
    if (field.type === 'group' || field.type === 'tab') {
      checkFields(value as Record<string, unknown>, field.flattenedFields, path, problems)
    } else if (field.type === 'array') {
      ;(value as Record<string, unknown>[]).forEach((row, index) =>
        checkFields(row, field.flattenedFields, `${path}.${index}`, problems),
      )
    } else if (field.type === 'blocks') {
      ;(value as Record<string, unknown>[]).forEach((row, index) => {
        const block = field.blocks.find((candidate) => candidate.slug === row.blockType)
        if (!block)
          problems.push({ path: `${path}.${index}.blockType`, message: 'Unknown block type.' })
        else checkFields(row, block.flattenedFields, `${path}.${index}`, problems)
      })
    }
  }
}

const AUTH_TEXT_KEYS: Record<string, string[]> = {
  login: ['email', 'username', 'password'],
  forgotPassword: ['email', 'username'],
  resetPassword: ['token', 'password'],
}

/**
 * A body is an object whose values have the shapes of the fields they fill, checked before
 * Payload reads it: `false` as a job, an object as an email or a review's booking, or an id
 * beyond what the database holds are 400s naming the field, not 500s from deeper down.
 */
export const checkBodyShape: CollectionBeforeOperationHook = ({ args, collection, operation }) => {
  const data = (args as { data?: unknown }).data
  const textKeys = AUTH_TEXT_KEYS[operation]
  if (operation !== 'create' && operation !== 'update' && !textKeys) return args
  if (data === undefined && operation === 'update') return args
  if (!isPlainObject(data)) {
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ path: 'body', message: 'The request body must be a JSON object of fields.' }],
    })
  }
  const problems: Problem[] = []
  if (textKeys) {
    for (const key of textKeys) {
      if (data[key] !== undefined && data[key] !== null && !isText(data[key]))
        problems.push({ path: key, message: `${key} must be text.` })
    }
  } else {
    checkFields(data, collection.flattenedFields, '', problems)
  }
  if (problems.length > 0)
    throw new ValidationError({ collection: collection.slug, errors: problems })
  return args
}
