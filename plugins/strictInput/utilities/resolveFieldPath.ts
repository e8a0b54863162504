import type { FlattenedField, Payload } from 'payload'

/** The document's own id, which has no field of its own. */
export type IdLeaf = { type: 'id'; name: 'id' }

export type ResolvedPath = {
  /** The field the path ends on. */
  leaf: FlattenedField | IdLeaf
  /** Every field the path passes through, the leaf last. */
  trail: FlattenedField[]
}

const ID_LEAF: IdLeaf = { type: 'id', name: 'id' }

/**
 * The field a query path (`rating.average`, `vendor.businessName`, GraphQL's `rating__average`)
 * names, following groups, arrays and single-collection relationships. Null for a path this
 * cannot follow (unknown names, blocks, polymorphic relationships): Payload's own path check
 * answers those.
 */
export const resolveFieldPath = (
  payload: Payload,
  fields: FlattenedField[],
  path: string,
): ResolvedPath | null => {
  const segments = path.replace(/__/g, '.').split('.')
  const trail: FlattenedField[] = []
  let current = fields
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1
    if (segment === 'id' && last) return { leaf: trail.length ? trail.at(-1)! : ID_LEAF, trail }
    const field = current.find((candidate) => candidate.name === segment)
    if (!field) return null
    trail.push(field)
    if (last) return { leaf: field, trail }
    if (field.type === 'group' || field.type === 'array' || field.type === 'tab') {
      current = field.flattenedFields
    } else if (
      (field.type === 'relationship' || field.type === 'upload') &&
      typeof field.relationTo === 'string'
    ) {
      current = payload.collections[field.relationTo]?.config.flattenedFields ?? []
    } else if (field.type === 'json') {
      return { leaf: field, trail }
    } else {
      return null
    }
  }
  return null
}
