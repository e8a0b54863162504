import {
  APIError,
  type CollectionBeforeOperationHook,
  type FlattenedField,
  type Payload,
  type Where,
} from 'payload'

import { parseSerialId } from '@/lib/kit/ids'

import type { ReadableRows, StrictInputFieldCustom } from '../types'
import { operatorsFor, valueProblem } from '../utilities/queryRules'
import { resolveFieldPath } from '../utilities/resolveFieldPath'

type Problem = { field: string; message: string }
type User = Parameters<ReadableRows>[0]

const OPERATORS_WITH_IDS = new Set(['read', 'update', 'delete', 'restoreVersion'])
const QUERYING = new Set(['read', 'count', 'readDistinct', 'update', 'delete'])
const UNSORTABLE = new Set(['array', 'blocks', 'group', 'tab', 'richText', 'json', 'point', 'join'])

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value)

const readableRowsOf = (field: FlattenedField) =>
  (field.custom as StrictInputFieldCustom | undefined)?.readableRows

/**
 * Which rows the caller may see each hidden field on, for the fields a path passes through.
 * `true` when nothing along the path is hidden from them.
 */
const scopeOf = (trail: FlattenedField[], user: User): Where | boolean => {
  const scopes = trail.map((field) => readableRowsOf(field)?.(user) ?? true)
  if (scopes.some((scope) => scope === false)) return false
  const wheres = scopes.filter((scope): scope is Where => scope !== true)
  if (wheres.length === 0) return true
  // A rule on a related collection's field cannot be written as a filter on this one.
  if (trail.length > 1 && trail.slice(1).some((field) => readableRowsOf(field))) return false
  return wheres.length === 1 ? wheres[0]! : { and: wheres }
}

type Context = {
  payload: Payload
  fields: FlattenedField[]
  user: User
  scoped: boolean
  problems: Problem[]
}

/**
 * Checks a `where` against the fields it names, as the database would run it: each operator
 * suits its field's type and each value fits the column. Filters on fields hidden from the
 * caller on some rows are limited to the rows that show them. Mutates the (copied) query.
 */
const checkWhere = (where: unknown, prefix: string, context: Context) => {
  if (!isPlainObject(where)) {
    context.problems.push({ field: prefix, message: `${prefix} must be an object of conditions.` })
    return
  }
  for (const key of Object.keys(where)) {
    const constraint = where[key]
    // Payload and its database adapter read `AND`/`Or` as groups too.
    if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
      if (!Array.isArray(constraint)) {
        context.problems.push({
          field: `${prefix}[${key}]`,
          message: `${prefix}[${key}] must be a list of conditions.`,
        })
        continue
      }
      constraint.forEach((item, index) => checkWhere(item, `${prefix}[${key}][${index}]`, context))
      continue
    }
    const resolved = resolveFieldPath(context.payload, context.fields, key)
    if (!resolved) continue
    if (!isPlainObject(constraint)) {
      context.problems.push({
        field: key,
        message: `${prefix}[${key}] must name an operator, as in ${prefix}[${key}][equals]=….`,
      })
      continue
    }
    const allowed = operatorsFor(resolved.leaf)
    for (const [operator, value] of Object.entries(constraint)) {
      if (!allowed.includes(operator)) {
        context.problems.push({
          field: key,
          message: `"${key}" cannot be filtered with "${operator}": use ${allowed.join(', ')}.`,
        })
        continue
      }
      const expected = valueProblem(resolved.leaf, operator, value)
      if (expected) {
        context.problems.push({
          field: key,
          message: `${prefix}[${key}][${operator}] must be ${expected}.`,
        })
      }
    }
    if (!context.scoped) continue
    const scope = scopeOf(resolved.trail, context.user)
    if (scope === false) {
      context.problems.push({ field: key, message: `"${key}" cannot be filtered on.` })
    } else if (scope !== true) {
      where.and = [...(Array.isArray(where.and) ? where.and : []), scope]
    }
  }
}

const sortPaths = (sort: unknown): string[] =>
  (Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : [])
    .filter((path): path is string => typeof path === 'string')
    .map((path) => path.trim().replace(/^-/, ''))
    .filter(Boolean)

const checkSort = (sort: unknown, context: Context) => {
  const paths = sortPaths(sort)
  if (new Set(paths).size !== paths.length) {
    context.problems.push({ field: 'sort', message: 'Name each field to sort by once.' })
  }
  for (const path of paths) {
    const resolved = resolveFieldPath(context.payload, context.fields, path)
    if (!resolved) continue
    if (UNSORTABLE.has(resolved.leaf.type)) {
      context.problems.push({ field: path, message: `Results cannot be sorted by "${path}".` })
    } else if (context.scoped && scopeOf(resolved.trail, context.user) !== true) {
      context.problems.push({ field: path, message: `Results cannot be sorted by "${path}".` })
    }
  }
}

const wholeNumberProblem = (name: string, value: unknown, min: number): Problem | null => {
  if (value === undefined || value === null) return null
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= min
    ? null
    : { field: name, message: `${name} must be a whole number of at least ${min}.` }
}

/**
 * Ids, filters, sorts and pages are checked before Payload builds a query, so a client's
 * mistake is a 4xx naming it rather than a 500 from the database: `/api/vendors/abc` and
 * `/api/vendors/2147483648` are 404s, `where[businessName][all]=x` and
 * `where[rating.average][near]=abc` are 400s. Filtering or sorting on a field the caller
 * cannot read on every row is limited or refused (see ReadableRows), on every route alike.
 */
export const checkQueries: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  overrideAccess,
  req,
}) => {
  const query = args as {
    id?: unknown
    where?: unknown
    sort?: unknown
    limit?: unknown
    page?: unknown
  }
  // An id the column cannot hold names no document. Asked as 0, which no serial row has, it is
  // answered exactly as a missing one: 404, or null for a caller that passed `disableErrors`.
  const id =
    OPERATORS_WITH_IDS.has(operation) && query.id !== undefined && query.id !== null
      ? (parseSerialId(query.id) ?? 0)
      : query.id
  if (!QUERYING.has(operation)) return id === query.id ? args : { ...args, id }
  const context: Context = {
    payload: req.payload,
    fields: collection.flattenedFields,
    user: (req.user as User) ?? null,
    scoped: overrideAccess !== true,
    problems: [],
  }
  let where = query.where
  if (where !== undefined && where !== null) {
    where = structuredClone(where)
    checkWhere(where, 'where', context)
  }
  checkSort(query.sort, context)
  for (const problem of [
    wholeNumberProblem('limit', query.limit, 0),
    wholeNumberProblem('page', query.page, 1),
  ]) {
    if (problem) context.problems.push(problem)
  }
  // The offset, (page − 1) × limit, must be a number the database's bigint holds.
  if (Number(query.page) * Number(query.limit) > Number.MAX_SAFE_INTEGER) {
    context.problems.push({ field: 'page', message: 'page × limit is beyond any result set.' })
  }
  if (context.problems.length > 0) {
    throw new APIError(
      context.problems.map((problem) => problem.message).join(' '),
      400,
      context.problems,
      true,
    )
  }
  return where === query.where && id === query.id ? args : { ...args, id, where: where as Where }
}
