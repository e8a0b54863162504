/**
 * GraphQL operations generated from the schema's own introspection: every query and mutation
 * field, called with odd ids, filters whose operators and values are wrong for the field, and
 * variables of the wrong type. Arguments go in variables, so any value can be sent.
 */
import fc from 'fast-check'
import type {
  IntrospectionField,
  IntrospectionInputTypeRef,
  IntrospectionOutputTypeRef,
  IntrospectionSchema,
  IntrospectionType,
} from 'graphql'

import { jsonText, ODD_INTS, ODD_VALUES, pick, raw, type Labelled } from './fuzz'

export type GraphqlCall = { text: string; kind: string; mutation: boolean }

type Value = { value: unknown; kind: string }

const MAX_DEPTH = 3

const printType = (ref: IntrospectionInputTypeRef): string =>
  ref.kind === 'NON_NULL'
    ? `${printType(ref.ofType)}!`
    : ref.kind === 'LIST'
      ? `[${printType(ref.ofType)}]`
      : ref.name

const named = (ref: IntrospectionInputTypeRef | IntrospectionOutputTypeRef): string =>
  ref.kind === 'NON_NULL' || ref.kind === 'LIST' ? named(ref.ofType) : ref.name

const asValues = (items: Labelled<unknown>[]) => items.map(({ value, kind }) => ({ value, kind }))

const SCALARS: Record<string, Value[]> = {
  Int: asValues(ODD_INTS),
  Float: [
    { value: 1.7976931348623157e308, kind: 'largest float' },
    { value: -0, kind: 'negative zero' },
    { value: 1e-300, kind: 'tiny float' },
    { value: 0.5, kind: 'fraction' },
  ],
  String: ODD_VALUES.map(({ value, kind }) => ({ value, kind })),
  Boolean: [
    { value: true, kind: 'true' },
    { value: false, kind: 'false' },
  ],
  JSON: [
    { value: 'abc', kind: 'string' },
    { value: { $ne: null }, kind: 'operator object' },
    { value: [[[]]], kind: 'nested arrays' },
    { value: raw('1e309'), kind: 'overflowing literal' },
    { value: { a: { b: { c: { d: {} } } } }, kind: 'nested objects' },
  ],
  DateTime: [
    { value: 'abc', kind: 'word' },
    { value: '2020-13-45', kind: 'impossible date' },
    { value: '+275760-09-13T00:00:00.001Z', kind: 'beyond range' },
  ],
  EmailAddress: [
    { value: 'abc', kind: 'not an email' },
    { value: 'a@b', kind: 'bare domain' },
  ],
}

/** Values a variable of this type refuses, to check that refusals are 400s. */
const WRONG_TYPE: Value[] = [
  { value: { a: 1 }, kind: 'object for a scalar' },
  { value: raw('2147483648'), kind: 'beyond int32' },
  { value: raw('9007199254740993'), kind: 'beyond safe integer' },
  { value: raw('1e309'), kind: 'overflowing literal' },
  { value: 'abc', kind: 'string' },
  { value: [[1]], kind: 'nested list' },
]

export const graphqlOperations = (
  schema: IntrospectionSchema,
  realIds: number[],
): { field: string; arbitrary: fc.Arbitrary<GraphqlCall> }[] => {
  const types = new Map<string, IntrospectionType>(schema.types.map((type) => [type.name, type]))
  const ids: Value[] = [
    ...asValues(ODD_INTS),
    ...realIds.map((id) => ({ value: id, kind: 'real id' })),
  ]

  const valueOf = (
    ref: IntrospectionInputTypeRef,
    depth: number,
    argName: string,
    mutation: boolean,
  ): fc.Arbitrary<Value> => {
    if (ref.kind === 'NON_NULL') return valueOf(ref.ofType, depth, argName, mutation)
    if (ref.kind === 'LIST')
      return fc
        .array(valueOf(ref.ofType, depth + 1, argName, mutation), { maxLength: 3 })
        .map((items) => ({
          value: items.map((item) => item.value),
          kind: items.length ? `[${items[0]!.kind}]` : 'empty list',
        }))
    if (ref.kind === 'SCALAR') {
      // Mutations never name a real document: they could delete or rewrite the fixtures.
      if (argName === 'id' && ref.name === 'Int') return pick(mutation ? asValues(ODD_INTS) : ids)
      return pick(SCALARS[ref.name] ?? SCALARS.String!)
    }
    const type = types.get(ref.name)
    if (type?.kind === 'ENUM')
      return pick(type.enumValues.map((value) => ({ value: value.name, kind: value.name })))
    if (type?.kind !== 'INPUT_OBJECT' || depth > MAX_DEPTH)
      return fc.constant({ value: {}, kind: 'empty object' })
    const required = type.inputFields.filter((field) => field.type.kind === 'NON_NULL')
    const optional = type.inputFields.filter((field) => field.type.kind !== 'NON_NULL')
    return fc
      .tuple(
        fc.tuple(...required.map((field) => valueOf(field.type, depth + 1, field.name, mutation))),
        optional.length
          ? fc.array(
              pick(optional).chain((field) =>
                valueOf(field.type, depth + 1, field.name, mutation).map((value) => ({
                  field,
                  value,
                })),
              ),
              { minLength: 1, maxLength: 3 },
            )
          : fc.constant([]),
      )
      .map(([requiredValues, chosen]) => {
        const entries = [
          ...required.map((field, i) => ({ field, value: requiredValues[i]! })),
          ...chosen,
        ]
        return {
          value: Object.fromEntries(entries.map(({ field, value }) => [field.name, value.value])),
          kind: `{${entries
            .slice(0, 2)
            .map(({ field, value }) => `${field.name}: ${value.kind}`)
            .join(', ')}}`,
        }
      })
  }

  const selectable = (field: IntrospectionField) =>
    field.args.every((arg) => arg.type.kind !== 'NON_NULL')

  /** The type's first fields, one level of related documents included, as a client would ask. */
  const selection = (ref: IntrospectionOutputTypeRef, depth: number): string => {
    const type = types.get(named(ref))
    if (!type || (type.kind !== 'OBJECT' && type.kind !== 'INTERFACE'))
      return type?.kind === 'UNION' ? '{ __typename }' : ''
    const fields = type.fields.filter(selectable).slice(0, depth === 0 ? 8 : 4)
    const inner = fields
      .map((field) => {
        const sub = depth < 2 ? selection(field.type, depth + 1) : ''
        const leaf =
          !types.get(named(field.type)) ||
          ['SCALAR', 'ENUM'].includes(types.get(named(field.type))!.kind)
        return leaf ? field.name : sub ? `${field.name} ${sub}` : ''
      })
      .filter(Boolean)
    return `{ __typename ${inner.join(' ')} }`
  }

  const operation = (field: IntrospectionField, mutation: boolean) => {
    const args = field.args.map((arg) => ({
      arg,
      value: fc.oneof(
        { weight: 6, arbitrary: valueOf(arg.type, 0, arg.name, mutation) },
        { weight: 1, arbitrary: pick(WRONG_TYPE) },
        ...(arg.type.kind === 'NON_NULL'
          ? []
          : [{ weight: 2, arbitrary: fc.constant<Value | null>(null) }]),
      ),
    }))
    const select = selection(field.type, 0)
    return fc.tuple(...args.map(({ value }) => value)).map((values): GraphqlCall => {
      const used = args
        .map(({ arg }, i) => ({ arg, value: values[i] }))
        .filter((entry): entry is { arg: (typeof args)[number]['arg']; value: Value } =>
          Boolean(entry.value),
        )
      const declarations = used.map(({ arg }) => `$${arg.name}: ${printType(arg.type)}`).join(', ')
      const call = used.map(({ arg }) => `${arg.name}: $${arg.name}`).join(', ')
      const query = `${mutation ? 'mutation' : 'query'} Fuzz${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} ${select} }`
      const variables = Object.fromEntries(used.map(({ arg, value }) => [arg.name, value.value]))
      return {
        text: jsonText({ query, variables }),
        mutation,
        kind: `${field.name}(${used.map(({ arg, value }) => `${arg.name}: ${value.kind}`).join(', ')})`,
      }
    })
  }

  const root = (name: string | undefined, mutation: boolean) => {
    const type = name ? types.get(name) : undefined
    if (type?.kind !== 'OBJECT') return []
    return type.fields.map((field) => ({
      field: field.name,
      arbitrary: operation(field, mutation),
    }))
  }
  return [...root(schema.queryType.name, false), ...root(schema.mutationType?.name, true)]
}

/** Documents and envelopes that are not valid GraphQL requests at all. */
export const MALFORMED_GRAPHQL: GraphqlCall[] = [
  ['{"query":"{"}', 'unterminated document'],
  ['{"query":""}', 'empty document'],
  ['{"query":42}', 'query not a string'],
  ['{"query":"{ __typename }","variables":"x"}', 'variables not an object'],
  ['{"query":"{ __typename }","operationName":"Missing"}', 'unknown operation name'],
  ['[{"query":"{ __typename }"}]', 'batched requests'],
  ['{', 'invalid JSON'],
  ['null', 'null body'],
  [
    jsonText({
      query: `{ ${'Vendors { docs { owner { '.repeat(40)}__typename${' } } }'.repeat(40)} }`,
    }),
    'nested 40 levels',
  ],
  [
    jsonText({
      query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: Vendors { totalDocs }`).join(' ')} }`,
    }),
    '20 aliases',
  ],
  [
    jsonText({
      query: 'query($w: Vendor_where) { Vendors(where: $w) { totalDocs } }',
      variables: { w: { businessName: { all: 'x' } } },
    }),
    'list operator given a string',
  ],
  [jsonText({ query: 'query { Vendor(id: 2147483648) { id } }' }), 'literal beyond int32'],
  [jsonText({ query: 'query { Vendor(id: "abc") { id } }' }), 'string literal id'],
  [jsonText({ query: '{ __schema { types { name } } }' }), 'introspection'],
].map(([text, kind]) => ({ text: text!, kind: kind!, mutation: false }))
