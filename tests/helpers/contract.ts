import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'

import type { ApiResponse, RestClient } from './rest'

type Schema = Record<string, unknown>
type PathItem = Record<
  string,
  { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }
>
type Document = { paths: Record<string, PathItem>; components: Schema }

const DOCUMENT_ID = 'https://eventpros.test/openapi.json'

/** Refs inside a response schema point into the document's components. */
const anchored = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(anchored)
  if (!node || typeof node !== 'object') return node
  return Object.fromEntries(
    Object.entries(node as Schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${DOCUMENT_ID}${value}`
        : anchored(value),
    ]),
  )
}

/** The document's path for a request path: literal segments beat `{param}` ones. */
const templateFor = (document: Document, pathname: string): string | undefined => {
  const route = pathname.replace(/^\/api/, '') || '/'
  const matches = Object.keys(document.paths).filter((template) =>
    new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}/?$`).test(route),
  )
  const literalSegments = (template: string) =>
    template.split('/').filter((segment) => segment && !segment.startsWith('{')).length
  return matches.sort((a, b) => literalSegments(b) - literalSegments(a))[0]
}

/**
 * Every JSON answer a suite gets is checked against the OpenAPI document's schema for that
 * route, method and status, so the document cannot drift from what the code sends: a response
 * the document does not describe fails the call that got it.
 */
export const checkedAgainstDocument = (rest: RestClient): RestClient => {
  let checker: Promise<(method: string, url: string, response: ApiResponse) => void> | undefined
  const validators = new Map<string, ValidateFunction>()

  const load = async () => {
    const { body: document } = (await rest.get('/api/openapi.json')) as { body: Document }
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    ajv.addFormat('binary', true)
    ajv.addSchema({ $id: DOCUMENT_ID, components: document.components })
    return (method: string, url: string, response: ApiResponse) => {
      const type = response.headers.get('content-type') ?? ''
      if (!type.includes('application/json')) return
      const { pathname, searchParams } = new URL(url, 'http://localhost')
      // A `select` answer holds only the fields asked for; the document describes whole ones.
      if ([...searchParams.keys()].some((key) => key.startsWith('select'))) return
      const template = templateFor(document, pathname)
      const operation = template ? document.paths[template]?.[method.toLowerCase()] : undefined
      if (!template || !operation) {
        throw new Error(`${method} ${pathname} is not in the OpenAPI document`)
      }
      const status = String(response.status)
      const described = operation.responses?.[status] ?? operation.responses?.[`${status[0]}XX`]
      const schema = described?.content?.['application/json']?.schema
      if (!described) {
        throw new Error(
          `${method} ${template} answered ${status}, which the document does not list`,
        )
      }
      if (!schema) return
      const key = `${method} ${template} ${status}`
      let validate = validators.get(key)
      if (!validate) {
        validate = ajv.compile(anchored(schema) as Schema)
        validators.set(key, validate)
      }
      if (!validate(response.body)) {
        throw new Error(
          `${method} ${pathname} ${status} does not match the document: ${(validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`).join('; ')}`,
        )
      }
    }
  }

  const checked =
    (method: 'get' | 'post' | 'patch' | 'delete' | 'put') =>
    async (url: string, options?: Parameters<RestClient['get']>[1]) => {
      const response = await rest[method](url, options)
      await (checker ??= load()).then((check) => check(method.toUpperCase(), url, response))
      return response
    }

  return {
    ...rest,
    get: checked('get'),
    post: checked('post'),
    patch: checked('patch'),
    delete: checked('delete'),
    put: checked('put'),
  } as RestClient
}

/**
 * Checks a webhook body against the document's `webhooks` entry for its event, as a receiver
 * generating types from the document would read it: answers the problems, none when it fits.
 */
export const webhookChecker = async (rest: RestClient) => {
  const { body: document } = (await rest.get('/api/openapi.json')) as {
    body: Document & { webhooks?: Record<string, PathItem & { post?: { requestBody?: any } }> }
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components })
  return {
    events: Object.keys(document.webhooks ?? {}),
    problems: (event: { type: string }) => {
      const schema = document.webhooks?.[event.type]?.post?.requestBody?.content?.[
        'application/json'
      ]?.schema as Schema | undefined
      if (!schema) return [`the document has no webhook ${event.type}`]
      const validate = ajv.compile(anchored(schema) as Schema)
      return validate(event)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`)
    },
  }
}
