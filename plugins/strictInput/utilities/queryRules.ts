import type { FlattenedField } from 'payload'

import { parseSerialId } from '@/lib/kit/ids'

import type { IdLeaf } from './resolveFieldPath'

type Leaf = FlattenedField | IdLeaf

const EQUALITY = ['equals', 'not_equals', 'in', 'not_in', 'exists']
const ORDER = ['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal']
const TEXT_MATCH = ['like', 'not_like', 'contains']
const LISTS = new Set(['in', 'not_in', 'all'])

const hasMany = (leaf: Leaf) => 'hasMany' in leaf && leaf.hasMany === true

/** The operators each kind of field can be filtered with, as the database can run them. */
export const operatorsFor = (leaf: Leaf): string[] => {
  const many = hasMany(leaf) ? ['all', 'contains'] : []
  switch (leaf.type) {
    case 'id':
    case 'number':
      return [...EQUALITY, ...ORDER, ...many]
    case 'relationship':
    case 'upload':
    case 'select':
    case 'radio':
      return [...EQUALITY, ...many]
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return [...EQUALITY, ...ORDER, ...TEXT_MATCH, ...(hasMany(leaf) ? ['all'] : [])]
    case 'date':
      return [...EQUALITY, ...ORDER]
    case 'checkbox':
      return EQUALITY
    case 'point':
      return ['near', 'within', 'intersects', 'exists']
    case 'json':
      return [...EQUALITY, ...TEXT_MATCH]
    // Rich text is stored as a JSON document; PostgreSQL cannot match text against it.
    case 'richText':
      return ['exists']
    default:
      return ['exists']
  }
}

const isBoolean = (value: unknown) =>
  value === true || value === false || value === 'true' || value === 'false'

const isFiniteNumber = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' &&
    /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim()) &&
    Number.isFinite(Number(value)))

/** Dates PostgreSQL's timestamp columns hold, from year 1 to 9999. */
export const isStorableDate = (value: unknown) => {
  if (!(typeof value === 'string' || typeof value === 'number' || value instanceof Date))
    return false
  const time = new Date(value).getTime()
  if (Number.isNaN(time)) return false
  const year = new Date(time).getUTCFullYear()
  return year >= 1 && year <= 9999
}

const optionValues = (leaf: Leaf): string[] =>
  'options' in leaf && Array.isArray(leaf.options)
    ? leaf.options.map((option) => (typeof option === 'string' ? option : option.value))
    : []

const pointParts = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []

const isNear = (value: unknown) => {
  const parts = pointParts(value)
  if (parts.length < 2 || parts.length > 4 || !parts.every(isFiniteNumber)) return false
  const [lng, lat] = parts.map(Number) as [number, number]
  return Math.abs(lng) <= 180 && Math.abs(lat) <= 90
}

const isCoordinates = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.length > 0 &&
  (value.every((item) => typeof item === 'number' && Number.isFinite(item)) ||
    value.every(isCoordinates))

const GEOMETRIES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]

const isGeometry = (value: unknown): boolean => {
  let geometry = value
  if (typeof value === 'string') {
    try {
      geometry = JSON.parse(value)
    } catch {
      return false
    }
  }
  if (!geometry || typeof geometry !== 'object') return false
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown }
  return typeof type === 'string' && GEOMETRIES.includes(type) && isCoordinates(coordinates)
}

/** What one value must be for this field, in words, and whether it is. */
const scalarRule = (leaf: Leaf): { expected: string; accepts: (value: unknown) => boolean } => {
  switch (leaf.type) {
    case 'id':
    case 'relationship':
    case 'upload':
      return {
        expected: 'a document id (a whole number from 1 to 2147483647)',
        accepts: (value) => parseSerialId(value) !== null,
      }
    case 'number':
      return { expected: 'a number', accepts: isFiniteNumber }
    case 'date':
      return { expected: 'a date such as 2026-12-24', accepts: isStorableDate }
    case 'checkbox':
      return { expected: 'true or false', accepts: isBoolean }
    case 'select':
    case 'radio': {
      const values = optionValues(leaf)
      return {
        expected: `one of ${values.join(', ')}`,
        accepts: (value) => values.includes(value as string),
      }
    }
    default:
      return {
        expected: 'text without NUL characters',
        accepts: (value) =>
          (typeof value === 'string' && !value.includes('\u0000')) ||
          typeof value === 'number' ||
          typeof value === 'boolean',
      }
  }
}

/**
 * Why `value` cannot be used with `operator` on this field, in words, or null when it can.
 * The operator is known to suit the field (see operatorsFor).
 */
export const valueProblem = (leaf: Leaf, operator: string, value: unknown): string | null => {
  // Payload leaves out a condition whose value is undefined (only code can send one).
  if (value === undefined) return null
  if (operator === 'exists') return isBoolean(value) ? null : 'true or false'
  if (operator === 'near')
    return isNear(value)
      ? null
      : 'longitude,latitude and optionally a maximum and minimum distance in metres'
  if (operator === 'within' || operator === 'intersects')
    return isGeometry(value) ? null : 'a GeoJSON geometry'
  // A has-many relationship's `contains` may hold a query on the related documents, which
  // Payload checks against their collection.
  if (operator === 'contains' && value && typeof value === 'object' && !Array.isArray(value))
    return leaf.type === 'relationship' || leaf.type === 'upload' ? null : scalarRule(leaf).expected
  const rule = scalarRule(leaf)
  // `null` matches an empty value; as text it does so everywhere but in a list of options,
  // where Payload passes it on as the option "null".
  const isOptions = leaf.type === 'select' || leaf.type === 'radio'
  if (
    (operator === 'equals' || operator === 'not_equals') &&
    (value === null || (value === 'null' && !isOptions))
  )
    return null
  if (LISTS.has(operator)) {
    const items = Array.isArray(value)
      ? value
      : typeof value === 'string'
        ? value.split(',')
        : [value]
    return items.every(rule.accepts) ? null : `a comma-separated list, each ${rule.expected}`
  }
  return rule.accepts(value) ? null : rule.expected
}
