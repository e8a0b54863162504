import { GraphQLError, type ValidationRule } from 'graphql'

/**
 * Payload's GraphQL `Access` and `docAccess` fields fail inside Payload for people who cannot
 * open the admin (a null where its schema promises a permission), answering an internal error.
 * They are refused up front, pointing at the REST route that answers the same question.
 */
export const refuseAccessQueries: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value
    if (name === 'Access' || name.startsWith('docAccess')) {
      context.reportError(
        new GraphQLError(
          `"${name}" is not available over GraphQL: ask GET /api/access or GET /api/<collection>/access/<id>.`,
          { nodes: [node], extensions: { code: 'FIELD_NOT_AVAILABLE' } },
        ),
      )
    }
  },
})
