/**
 * The fuzz suite's vocabulary: the ids, filter values, bodies and uploads an attacker tries,
 * each with the name of its kind, so that a failure report can say "a relationship given a
 * number beyond the safe integer range" instead of dumping a thousand requests.
 */
import fc from 'fast-check'
import type { FlattenedField } from 'payload'

/** A value and the name of its kind: the report groups failures by kind. */
export type Labelled<T = string> = { value: T; kind: string }

const labelled = <T>(pairs: [T, string][]): Labelled<T>[] =>
  pairs.map(([value, kind]) => ({ value, kind }))

export const pick = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items)

/**
 * A seed per request list, derived from the run's seed and the list's name, so that adding a
 * collection or an endpoint does not change the requests generated for the others.
 */
export const seedFor = (seed: number, name: string): number => {
  let hash = 2166136261
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return (hash ^ seed) | 0
}

/**
 * `count` values of `arbitrary` from the seed. Not `fc.assert`: it stops at the first failure
 * and shrinks by replaying requests against a database the earlier ones changed, while the
 * suite wants every failure of a run, grouped, with the seed that replays the run.
 */
export const sample = <T>(seed: number, name: string, arbitrary: fc.Arbitrary<T>, count: number) =>
  fc.sample(arbitrary, { seed: seedFor(seed, name), numRuns: count })

// JSON.stringify cannot write 1e309 or 9007199254740993 as numbers: these are spliced in as text.
const RAW = '\u0000raw:'
export const raw = (literal: string) => `${RAW}${literal}`
export const jsonText = (value: unknown): string =>
  (JSON.stringify(value) ?? 'undefined').replace(/"\\u0000raw:([^"]*)"/g, '$1')

/** Ids as written in a URL path: encoded, double-encoded and out-of-range ones included. */
export const ODD_IDS = labelled([
  ['abc', 'word'],
  ['1.5', 'decimal'],
  ['-1', 'negative'],
  ['0', 'zero'],
  ['-0', 'negative zero'],
  ['2147483648', 'beyond int32'],
  ['99999999999', 'beyond int32'],
  ['9007199254740993', 'beyond safe integer'],
  ['99999999999999999999', 'beyond int64'],
  ['1e309', 'overflowing exponent'],
  ['1e3', 'exponent'],
  ['0x10', 'hex'],
  ['Infinity', 'Infinity'],
  ['NaN', 'NaN'],
  ['%2B1', 'plus sign'],
  ['00001', 'leading zeros'],
  ['%201', 'padded'],
  ['%2e%2e', 'encoded dot-dot'],
  ['..%2F', 'dot-dot and encoded slash'],
  ['1%2F2', 'encoded slash'],
  ['1%252F2', 'double-encoded slash'],
  ['..%252F..%252Fetc%252Fpasswd', 'double-encoded traversal'],
  ['1%00', 'NUL'],
  ['null', 'null word'],
  ['%5B%5D', 'brackets'],
  ['%7B%7D', 'braces'],
  ["1'%20OR%20'1'%3D'1", 'SQL quote'],
  ['%D9%A1%D9%A2', 'non-ASCII digits'],
  ['a'.repeat(300), 'long'],
])

/** One id of each way to be wrong, for the routes every id class is sent to. */
export const ID_CLASSES = ODD_IDS.filter((id) =>
  ['abc', '1.5', '-1', '0', '2147483648', '9007199254740993', '1e309', '..%2F'].includes(id.value),
)

/** Integers a GraphQL `Int` accepts that name no document. */
export const ODD_INTS = labelled([
  [0, 'zero'],
  [-1, 'negative'],
  [2147483647, 'int32 max'],
  [-2147483648, 'int32 min'],
])

/** Values written into query strings, before URL encoding. */
export const ODD_VALUES = labelled([
  ['abc', 'word'],
  ['Infinity', 'Infinity'],
  ['-Infinity', 'Infinity'],
  ['NaN', 'NaN'],
  ['0x10', 'hex'],
  ['1e309', 'overflowing exponent'],
  ['-1e309', 'overflowing exponent'],
  ['[]', 'brackets text'],
  ['{}', 'braces text'],
  ['null', 'null word'],
  ['true', 'boolean word'],
  ['', 'empty'],
  ['1.5', 'decimal'],
  ['-1', 'negative'],
  ['0', 'zero'],
  ['2147483648', 'beyond int32'],
  ['9007199254740993', 'beyond safe integer'],
  ['99999999999999999999', 'beyond int64'],
  ['\u0000', 'NUL'],
  ["' OR 1=1 --", 'SQL quote'],
  ['2020-13-45', 'impossible date'],
  ['+275760-09-13T00:00:00.001Z', 'date beyond range'],
  ['POINT(1 2)', 'WKT'],
  ['1,2', 'comma list'],
  ['174.7,-36.8,1000,0', 'near list'],
  ['\\', 'backslash'],
  ['%_', 'LIKE wildcards'],
  ['😀', 'emoji'],
  ['a'.repeat(2000), 'long'],
])

export const OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
  'near',
  'within',
  'intersects',
] as const

/** Operators Payload does not have, spelled as people guess them. */
const ODD_OPERATORS = ['regex', '$ne', 'EQUALS', '', 'constructor']

export type FieldStep = { name: string; type: FlattenedField['type'] }
export type FieldPath = { path: string; steps: FieldStep[]; field: FlattenedField }

/** Every field a filter or body can name, nested groups and array rows included. */
export const fieldPaths = (fields: FlattenedField[], parents: FieldStep[] = []): FieldPath[] =>
  fields.flatMap((field) => {
    const steps = [...parents, { name: field.name, type: field.type }]
    const here: FieldPath = { path: steps.map((step) => step.name).join('.'), steps, field }
    const children = 'flattenedFields' in field ? fieldPaths(field.flattenedFields, steps) : []
    return [here, ...children]
  })

/** Names a filter may try that are not fields, or are fields nobody may filter on. */
const ODD_PATHS = [
  'id',
  'nonexistent',
  'password',
  'hash',
  'salt',
  '__proto__',
  'constructor',
  '_status',
  'and',
  'or',
]

const NOT_A_STRING = labelled<unknown>([
  [42, 'number'],
  [true, 'boolean'],
  [{}, 'object'],
  [['x'], 'array'],
  [{ $ne: null }, 'operator object'],
])
const NOT_A_NUMBER = labelled<unknown>([
  ['abc', 'word'],
  ['1e309', 'overflowing exponent text'],
  [raw('1e309'), 'overflowing literal'],
  [raw('99999999999999999999'), 'beyond int64'],
  [raw('9007199254740993'), 'beyond safe integer'],
  ['Infinity', 'Infinity text'],
  [{}, 'object'],
  [[1], 'array'],
  [true, 'boolean'],
])
const NOT_AN_ID = labelled<unknown>([
  ['abc', 'word'],
  [raw('9007199254740993'), 'beyond safe integer'],
  [raw('2147483648'), 'beyond int32'],
  [raw('99999999999'), 'beyond int32'],
  [raw('99999999999999999999'), 'beyond int64'],
  [raw('1e309'), 'overflowing literal'],
  [-1, 'negative'],
  [0, 'zero'],
  [1.5, 'decimal'],
  ['%2e%2e', 'encoded dots'],
  [{}, 'object'],
  [{ relationTo: 'users', value: 'abc' }, 'polymorphic object'],
  [true, 'boolean'],
])
const NOT_A_DATE = labelled<unknown>([
  ['abc', 'word'],
  ['2020-13-45', 'impossible date'],
  ['+275760-09-13T00:00:00.001Z', 'beyond range'],
  [raw('1e309'), 'overflowing literal'],
  [-8.64e15 - 1, 'beyond epoch range'],
  [{}, 'object'],
  [true, 'boolean'],
])
const NOT_A_CHOICE = labelled<unknown>([
  ['not-an-option', 'unknown option'],
  [['not-an-option'], 'unknown options'],
  [{}, 'object'],
  [42, 'number'],
  [true, 'boolean'],
])
const NOT_A_CHECKBOX = labelled<unknown>([
  ['yes', 'word'],
  [2, 'number'],
  [{}, 'object'],
  [[], 'array'],
])
const NOT_RICH_TEXT = labelled<unknown>([
  ['plain', 'string'],
  [42, 'number'],
  [{ root: 'x' }, 'root string'],
  [{ root: { children: 'x' } }, 'children string'],
  [[], 'array'],
])
const NOT_A_GROUP = labelled<unknown>([
  ['x', 'string'],
  [42, 'number'],
  [[], 'array'],
  [{ nonexistent: 1 }, 'unknown key'],
])
const NOT_AN_ARRAY = labelled<unknown>([
  ['x', 'string'],
  [{}, 'object'],
  [[42], 'number rows'],
  [[{ nonexistent: 1 }], 'unknown key rows'],
  [[null], 'null rows'],
  [Array.from({ length: 1000 }, () => ({})), 'a thousand rows'],
])
const NOT_A_POINT = labelled<unknown>([
  ['abc', 'word'],
  [[1], 'one number'],
  [[1, 2, 3], 'three numbers'],
  [['a', 'b'], 'words'],
  [[raw('1e309'), 0], 'overflowing literal'],
  [{}, 'object'],
])
const ODD_JSON = labelled<unknown>([
  [raw('['.repeat(5000) + ']'.repeat(5000)), 'deeply nested'],
  [raw('1e309'), 'overflowing literal'],
  ['\u0000', 'NUL string'],
])

/** Values of the wrong type for `field`, and `null` when the field is required. */
export const wrongValues = (field: FlattenedField): Labelled<unknown>[] => {
  const required = 'required' in field && field.required ? labelled([[null, 'null']]) : []
  const many = 'hasMany' in field && field.hasMany
  const byType = (() => {
    switch (field.type) {
      case 'number':
        return NOT_A_NUMBER
      case 'relationship':
      case 'upload':
        return many
          ? [
              ...NOT_AN_ID,
              ...NOT_AN_ID.map(({ value, kind }) => ({ value: [value], kind: `[${kind}]` })),
            ]
          : NOT_AN_ID
      case 'select':
      case 'radio':
        return NOT_A_CHOICE
      case 'checkbox':
        return NOT_A_CHECKBOX
      case 'date':
        return NOT_A_DATE
      case 'richText':
        return NOT_RICH_TEXT
      case 'group':
      case 'tab':
        return NOT_A_GROUP
      case 'array':
      case 'blocks':
        return NOT_AN_ARRAY
      case 'point':
        return NOT_A_POINT
      case 'json':
        return ODD_JSON
      case 'email':
        return [...NOT_A_STRING, { value: 'not-an-email', kind: 'not an email' }]
      default:
        return NOT_A_STRING
    }
  })()
  return [...byType, ...required]
}

/** `{ a: { b: [ { c: value } ] } }` for the path a.b.c where b is an array field. */
const nest = (steps: FieldStep[], value: unknown): Record<string, unknown> => {
  const [first, ...rest] = steps
  if (!first) return {}
  if (!rest.length) return { [first.name]: value }
  const inner = nest(rest, value)
  return { [first.name]: first.type === 'array' ? [inner] : inner }
}

const merge = (
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> => {
  const out = { ...target }
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key]
    out[key] =
      existing &&
      typeof existing === 'object' &&
      !Array.isArray(existing) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
        ? merge(existing as Record<string, unknown>, value as Record<string, unknown>)
        : value
  }
  return out
}

/** A request body as sent: raw text (so invalid JSON can be sent), or multipart parts. */
export type BodySpec = {
  kind: string
  text?: string
  contentType?: string
  headers?: Record<string, string>
  multipart?: MultipartSpec
}

export type UploadFile = 'photo' | 'pdf' | 'empty' | 'script named .png' | 'no file'

export type MultipartSpec = {
  payload?: string
  file: UploadFile
  /** Form fields sent beside (or instead of) `_payload`. */
  fields?: [string, string][]
}

const textBodies = (pairs: [string, string][]): BodySpec[] =>
  pairs.map(([text, kind]) => ({ text, kind }))

export const NON_OBJECT_BODIES = textBodies([
  ['false', 'non-object JSON: false'],
  ['42', 'non-object JSON: number'],
  ['null', 'non-object JSON: null'],
  ['"x"', 'non-object JSON: string'],
  ['[]', 'non-object JSON: array'],
  ['[{}]', 'non-object JSON: array of objects'],
  ['1e309', 'non-object JSON: overflowing number'],
])

export const INVALID_JSON_BODIES = textBodies([
  ['{', 'invalid JSON: unterminated'],
  ['{"a":}', 'invalid JSON: missing value'],
  ["{'a':1}", 'invalid JSON: single quotes'],
  ['{a:1}', 'invalid JSON: bare key'],
  ['undefined', 'invalid JSON: undefined'],
  ['NaN', 'invalid JSON: NaN'],
  ['{"a":1}x', 'invalid JSON: trailing text'],
  ['', 'invalid JSON: empty'],
  ['\u0000', 'invalid JSON: NUL'],
])

export const ODD_ENVELOPE_BODIES: BodySpec[] = [
  { text: '{"__proto__":{"role":"admin"}}', kind: 'prototype pollution' },
  { text: '{"constructor":{"prototype":{"role":"admin"}}}', kind: 'prototype pollution' },
  { text: '['.repeat(5000) + ']'.repeat(5000), kind: 'deeply nested JSON' },
  { text: '{"a":1}', contentType: 'text/plain', kind: 'JSON as text/plain' },
  {
    text: 'a=b&role=admin',
    contentType: 'application/x-www-form-urlencoded',
    kind: 'form-urlencoded',
  },
  { text: '--x\r\n\r\n', contentType: 'multipart/form-data', kind: 'multipart without boundary' },
  { text: '{}', contentType: 'application/json; charset=utf-16', kind: 'unsupported charset' },
  {
    text: '{',
    headers: { 'X-HTTP-Method-Override': 'GET' },
    kind: 'method override to GET with invalid JSON',
  },
  {
    text: 'where[id][equals]=abc',
    contentType: 'application/x-www-form-urlencoded',
    headers: { 'X-Payload-HTTP-Method-Override': 'GET' },
    kind: 'method override to GET with a form where',
  },
]

/**
 * Object bodies whose every value is of the wrong type for its field (1–3 fields), on top of a
 * real document when there is one, so that hooks reading the other fields run too.
 */
export const wrongTypeBody = (
  paths: FieldPath[],
  base?: Record<string, unknown>,
): fc.Arbitrary<BodySpec> => {
  if (!paths.length) return fc.constant({ text: '{"nonexistent":42}', kind: 'unknown field' })
  const entry = pick(paths).chain((path) =>
    pick(wrongValues(path.field)).map((wrong) => ({ path, wrong })),
  )
  return fc
    .tuple(fc.array(entry, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([entries, onBase]) => {
      const start = onBase && base ? base : {}
      const data = entries.reduce(
        (body, { path, wrong }) => merge(body, nest(path.steps, wrong.value)),
        start,
      )
      const [first] = entries
      const more = entries.length > 1 ? ` (+${entries.length - 1} more)` : ''
      return {
        text: jsonText(data),
        kind: `wrong type: ${first!.path.field.type} ${first!.path.path} ← ${first!.wrong.kind}${more}${onBase && base ? ' on a real document' : ''}`,
      }
    })
}

/** An object missing the required fields: empty, or only an optional field. */
export const missingRequiredBody = (paths: FieldPath[]): fc.Arbitrary<BodySpec> => {
  const optional = paths.filter(
    (path) => path.steps.length === 1 && !('required' in path.field && path.field.required),
  )
  const empty: BodySpec = { text: '{}', kind: 'missing required fields: empty object' }
  if (!optional.length) return fc.constant(empty)
  return fc.oneof(
    fc.constant(empty),
    pick(optional).map((path) => ({
      text: jsonText({ [path.path]: path.field.type === 'number' ? 1 : 'x' }),
      kind: 'missing required fields: one optional field',
    })),
  )
}

/** Every kind of bad JSON body for a collection's create or update. */
export const badBody = (
  paths: FieldPath[],
  base?: Record<string, unknown>,
): fc.Arbitrary<BodySpec> =>
  fc.oneof(
    { weight: 2, arbitrary: pick(NON_OBJECT_BODIES) },
    { weight: 2, arbitrary: pick(INVALID_JSON_BODIES) },
    { weight: 1, arbitrary: pick(ODD_ENVELOPE_BODIES) },
    { weight: 1, arbitrary: missingRequiredBody(paths) },
    { weight: 6, arbitrary: wrongTypeBody(paths, base) },
  )

/** Field names a custom endpoint might read from its body, beside the collection's own. */
export const ENDPOINT_KEYS = [
  'id',
  'vendor',
  'job',
  'thread',
  'booking',
  'review',
  'body',
  'message',
  'text',
  'reason',
  'decision',
  'note',
  'status',
  'tier',
  'plan',
  'lineItems',
  'ratings',
  'attachments',
  'channel_name',
  'socket_id',
  'channels',
  'amountCents',
  'email',
  'password',
  'token',
  'data',
  'returnUrl',
]

const ENDPOINT_PATHS: FieldPath[] = ENDPOINT_KEYS.map((name) => ({
  path: name,
  steps: [{ name, type: 'text' }],
  field: { name, type: 'text' } as FlattenedField,
}))

/** Bodies for custom endpoints: the generic bad bodies over the collection's and common keys. */
export const endpointBody = (paths: FieldPath[]): fc.Arbitrary<BodySpec> => {
  const keys = [...paths.filter((path) => path.steps.length === 1), ...ENDPOINT_PATHS]
  const anyValue = pick([
    ...NOT_A_STRING,
    ...NOT_AN_ID,
    ...NOT_A_NUMBER,
    ...labelled<unknown>([
      [null, 'null'],
      ['', 'empty string'],
      ['x'.repeat(20000), 'very long string'],
    ]),
  ])
  const object = fc
    .array(fc.tuple(pick(keys), anyValue), { minLength: 1, maxLength: 3 })
    .map((entries) => ({
      text: jsonText(Object.fromEntries(entries.map(([path, wrong]) => [path.path, wrong.value]))),
      kind: `odd value: ${entries[0]![0].path} ← ${entries[0]![1].kind}`,
    }))
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'no body' }) },
    { weight: 2, arbitrary: pick(NON_OBJECT_BODIES) },
    { weight: 2, arbitrary: pick(INVALID_JSON_BODIES) },
    { weight: 1, arbitrary: pick(ODD_ENVELOPE_BODIES) },
    { weight: 3, arbitrary: object },
    { weight: 2, arbitrary: wrongTypeBody(paths) },
  )
}

/** Multipart uploads whose `_payload` is wrong, or whose file is missing, empty or lying. */
export const badMultipart = (paths: FieldPath[]): fc.Arbitrary<BodySpec> => {
  const payloadText = fc.oneof(
    pick(INVALID_JSON_BODIES),
    pick(NON_OBJECT_BODIES),
    wrongTypeBody(paths),
    missingRequiredBody(paths),
    fc.constant<BodySpec>({ kind: 'no _payload' }),
  )
  const file = pick<UploadFile>(['photo', 'pdf', 'empty', 'script named .png', 'no file'])
  const extra = fc.option(
    pick<[string, string][]>([[['_payload', '{}']], [['alt', '42']], [['file', 'not a file']]]),
    { nil: undefined },
  )
  return fc.tuple(payloadText, file, extra).map(([payload, file, fields]) => ({
    multipart: { payload: payload.text, file, fields },
    kind: `multipart, _payload ${payload.kind}, file ${file}${fields ? `, extra ${fields[0]![0]}` : ''}`,
  }))
}

const enc = encodeURIComponent

export type Query = { text: string; kind: string }

const joinQueries = (parts: Query[]): Query => ({
  text: parts.map((part) => part.text).join('&'),
  kind: parts.map((part) => part.kind).join('; ') || 'no query',
})

/** `OR`/`And`: Payload and its adapter read groups in any case (GraphQL's own are `OR`/`AND`). */
type WhereShape =
  'plain' | 'list' | 'nested' | 'or' | 'and' | 'OR' | 'And' | 'no operator' | 'whole where'

const whereText = (path: string, operator: string, value: string, shape: WhereShape): string => {
  const key = `[${path}][${operator}]`
  const v = enc(value)
  return {
    plain: `where${key}=${v}`,
    list: `where${key}[0]=${v}&where${key}[1]=1`,
    nested: `where${key}[a][b]=${v}`,
    or: `where[or][0]${key}=${v}`,
    and: `where[and][0][or][0]${key}=${v}`,
    OR: `where[OR][0]${key}=${v}`,
    And: `where[And][0][OR][0]${key}=${v}`,
    'no operator': `where[${path}]=${v}`,
    'whole where': `where=${v}`,
  }[shape]
}

/** `where[field][operator]=value` in the shapes qs accepts: lists, objects, and/or nesting. */
export const whereQuery = (paths: FieldPath[], operators: readonly string[] = OPERATORS) => {
  const names = [
    ...paths.map((path) => ({ path: path.path, type: path.field.type as string })),
    ...ODD_PATHS.map((path) => ({ path, type: 'not a field' })),
  ]
  return fc
    .record({
      field: pick(names),
      operator: fc.oneof(
        { weight: 9, arbitrary: pick(operators) },
        { weight: 1, arbitrary: pick(ODD_OPERATORS) },
      ),
      value: pick(ODD_VALUES),
      shape: pick<WhereShape>([
        'plain',
        'plain',
        'plain',
        'list',
        'nested',
        'or',
        'and',
        'OR',
        'And',
        'no operator',
        'whole where',
      ]),
    })
    .map(({ field, operator, value, shape }): Query => ({
      text: whereText(field.path, operator, value.value, shape),
      kind: `where ${field.type}.${operator || '(empty)'} ${shape} = ${value.kind}`,
    }))
}

/** A filter on exactly this field with exactly this operator, the value and shape generated. */
export const exactWhere = (path: FieldPath, operator: string): fc.Arbitrary<Query> =>
  fc
    .record({
      value: pick(ODD_VALUES),
      shape: pick<WhereShape>(['plain', 'plain', 'list', 'nested', 'or']),
    })
    .map(({ value, shape }) => ({
      text: whereText(path.path, operator, value.value, shape),
      kind: `where ${path.field.type}.${operator} ${shape} = ${value.kind}`,
    }))

const numberParam = (name: string): Query[] => [
  ...ODD_VALUES.filter((value) => value.kind !== 'long').map((value) => ({
    text: `${name}=${enc(value.value)}`,
    kind: `${name} ${value.kind}`,
  })),
  { text: `${name}[]=1`, kind: `${name} array` },
  { text: `${name}[a]=1`, kind: `${name} object` },
  { text: `${name}=1&${name}=2`, kind: `${name} repeated` },
]

/** `sort`, `limit`, `page`, `depth`, `select`, `populate`, `joins`… with odd values. */
export const listParams = (paths: FieldPath[]): Query[] => {
  const names = paths.slice(0, 12).map((path) => path.path)
  return [
    ...names.flatMap((name) => [
      { text: `sort=${enc(name)}`, kind: 'sort by a field' },
      { text: `sort=-${enc(name)}`, kind: 'sort descending by a field' },
      { text: `select[${name}]=true`, kind: 'select a field' },
    ]),
    ...[
      'nonexistent',
      '-',
      '--id',
      'id,-id,',
      'password',
      'id; DROP TABLE users',
      'a'.repeat(500),
      '__proto__',
    ].map((value) => ({ text: `sort=${enc(value)}`, kind: 'sort odd' })),
    { text: 'sort[]=id', kind: 'sort array' },
    { text: 'sort[a]=b', kind: 'sort object' },
    ...numberParam('limit'),
    ...numberParam('page'),
    ...numberParam('depth'),
    { text: 'select=abc', kind: 'select string' },
    { text: 'select[a][b][c]=1', kind: 'select nested unknown' },
    { text: 'populate[users][email]=abc', kind: 'populate odd' },
    { text: 'populate=abc', kind: 'populate string' },
    { text: 'joins=abc', kind: 'joins string' },
    { text: 'joins[x][limit]=abc', kind: 'joins odd' },
    { text: 'draft=abc', kind: 'draft odd' },
    { text: 'trash=abc', kind: 'trash odd' },
    { text: 'pagination=abc', kind: 'pagination odd' },
    { text: 'locale=xx&fallbackLocale=yy', kind: 'locale odd' },
    { text: `a${'[b]'.repeat(30)}=1`, kind: 'deep qs nesting' },
  ]
}

/** A list or count query: a filter with `operator` (any when omitted) and up to 3 odd params. */
export const listQuery = (paths: FieldPath[], operator?: string): fc.Arbitrary<Query> =>
  fc
    .tuple(
      operator
        ? whereQuery(paths, [operator])
        : fc.option(whereQuery(paths), { nil: undefined, freq: 3 }),
      fc.array(pick(listParams(paths)), { maxLength: 3 }),
    )
    .map(([where, params]) => joinQueries([...(where ? [where] : []), ...params]))

/** Query parameters custom endpoints read (search, realtime, billing…), with odd values. */
export const ENDPOINT_PARAMS = [
  'q',
  'query',
  'page',
  'limit',
  'sort',
  'channels',
  'lastEventId',
  'lat',
  'lng',
  'radius',
  'category',
  'categories',
  'region',
  'priceRange',
  'eventType',
  'status',
  'tier',
  'from',
  'to',
  'date',
  'vendor',
  'job',
  'before',
  'after',
  'cursor',
  'id',
  'depth',
  'budgetMin',
  'budgetMax',
  'guests',
]

export const endpointQuery = (paths: FieldPath[]): fc.Arbitrary<Query> => {
  const param = fc
    .record({
      name: pick(ENDPOINT_PARAMS),
      value: pick(ODD_VALUES),
      shape: pick(['plain', 'plain', 'array', 'object']),
    })
    .map(({ name, value, shape }) => ({
      text: `${name}${shape === 'array' ? '[]' : shape === 'object' ? '[a]' : ''}=${enc(value.value)}`,
      kind: `${name} ${shape} ${value.kind}`,
    }))
  return fc
    .tuple(
      fc.array(param, { maxLength: 3 }),
      fc.option(whereQuery(paths), { nil: undefined, freq: 4 }),
    )
    .map(([params, where]) => joinQueries([...params, ...(where ? [where] : [])]))
}

/** Names for `/file/:filename`: the real ones, and traversals in every encoding. */
export const fileNames = (real: string[]): Labelled[] => [
  ...real.map((value) => ({ value: enc(value), kind: 'real file' })),
  ...labelled([
    ['..%2F..%2Fpackage.json', 'traversal, encoded slash'],
    ['%2e%2e%2f%2e%2e%2fpayload.config.ts', 'traversal, encoded dots and slash'],
    ['..%252F..%252Fpackage.json', 'traversal, double-encoded'],
    ['....%2F%2F....%2F%2Fpackage.json', 'traversal, doubled dots'],
    ['%2Fetc%2Fpasswd', 'absolute path'],
    ['..%5C..%5Cpackage.json', 'traversal, backslash'],
    ['photo.png%00.txt', 'NUL in name'],
    ['abc', 'missing file'],
    ['.', 'dot'],
    ['%2e', 'encoded dot'],
    ['a'.repeat(300), 'long name'],
    ['%E2%80%AEgnp.exe', 'right-to-left override'],
  ]),
]
