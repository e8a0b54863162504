import fs from 'node:fs'
import path from 'node:path'

import { Validator } from '@seriousme/openapi-schema-validator'

import { NEVER_SENT } from '@/lib/api/reference'

import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, routeHandlers, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Document = {
  paths: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, { properties?: Record<string, unknown>; enum?: string[] }> }
}

let ctx: TestContext
let rest: RestClient
let document: Document

beforeAll(async () => {
  ctx = await startPayload('openapi')
  rest = restClient(ctx.config)
  const response = await rest.get('/api/openapi.json')
  expect(response.status).toBe(200)
  document = response.body
})

afterAll(async () => {
  await ctx?.stop()
})

/** `/users/:id/suspend` → `/users/{id}/suspend`; an optional last parameter stands for two paths. */
const documentedAs = (route: string): string[] => {
  const template = (p: string) => p.replace(/:(\w+)/g, '{$1}')
  const optional = /\/:(\w+)\?$/.exec(route)
  if (!optional) return [template(route)]
  const base = route.slice(0, -optional[0].length)
  return [template(base), template(`${base}/:${optional[1]}`)]
}

/** Every route the running config registers, listed here independently of the generator. */
const registeredRoutes = (): { method: string; route: string }[] => {
  const routes: { method: string; route: string }[] = []
  const { config } = ctx
  for (const endpoint of config.endpoints || []) {
    routes.push({ method: endpoint.method, route: endpoint.path })
  }
  for (const collection of config.collections) {
    for (const endpoint of collection.endpoints || []) {
      routes.push({
        method: endpoint.method,
        route: `/${collection.slug}${endpoint.path === '/' ? '' : endpoint.path}`,
      })
    }
  }
  for (const global of config.globals) {
    for (const endpoint of global.endpoints || []) {
      routes.push({
        method: endpoint.method,
        route: `/globals/${global.slug}${endpoint.path === '/' ? '' : endpoint.path}`,
      })
    }
  }
  return routes
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator()
    const result = await validator.validate(document as unknown as Record<string, unknown>)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('describes every route registered in the Payload config, and GraphQL', () => {
    const routes = registeredRoutes()
    // Sanity: the listing sees Payload's own routes and ours.
    expect(routes.length).toBeGreaterThan(300)
    const missing = routes.flatMap(({ method, route }) =>
      documentedAs(route)
        .filter((p) => !document.paths[p]?.[method])
        .map((p) => `${method.toUpperCase()} ${p}`),
    )
    expect(missing).toEqual([])
    expect(document.paths['/graphql']?.post).toBeDefined()
  })

  it('describes custom endpoints from the zod schemas that read them', () => {
    const invite = document.paths['/jobs/{id}/invitations']?.post as {
      requestBody: { content: { 'application/json': { schema: { properties: object } } } }
    }
    expect(Object.keys(invite.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['vendors']),
    )
  })

  it('never shows a secret field in an answer, and takes the settable ones write-only', () => {
    const schemas = document.components.schemas as Record<
      string,
      { properties?: Record<string, { writeOnly?: boolean }> }
    >
    const shown = Object.entries(schemas).flatMap(([name, schema]) =>
      NEVER_SENT.filter((field) => {
        const property = schema.properties?.[field]
        return property && !property.writeOnly
      }).map((field) => `${name}.${field}`),
    )
    expect(shown).toEqual([])
    expect(schemas.users?.properties?.email).toBeDefined()
    expect(schemas.users?.properties?.apiKey).toBeUndefined()
    expect(schemas['users.update']?.properties?.apiKey?.writeOnly).toBe(true)
  })

  it('lists every error code the code can answer with', () => {
    const thrown = new Set<string>()
    const scan = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name)
        if (entry.isDirectory()) scan(file)
        else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.spec.')) {
          const source = fs.readFileSync(file, 'utf8')
          for (const match of source.matchAll(
            /(?:RequestError|apiError)\(\s*(?:req,\s*)?\d{3},\s*'([A-Z_]+)'/g,
          )) {
            thrown.add(match[1] as string)
          }
        }
      }
    }
    for (const dir of ['collections', 'src', 'plugins', 'access']) scan(path.resolve(dir))
    expect(thrown.size).toBeGreaterThan(50)
    const listed = new Set(document.components.schemas.ErrorCode?.enum)
    expect([...thrown].filter((code) => !listed.has(code))).toEqual([])
  })
})

describe('GET /api/docs', () => {
  it('serves the reference page and its script from this origin, under a CSP', async () => {
    const page = await rest.get('/api/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/script-src 'nonce-([^']+)' 'strict-dynamic'/)
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    const html0 = page.body as string
    // Every script on the page carries the response's nonce; nothing else may run.
    expect([...html0.matchAll(/<script\b([^>]*)>/g)].map(([, attributes]) => attributes)).toEqual([
      expect.stringContaining(`nonce="${nonce}"`),
      expect.stringContaining(`nonce="${nonce}"`),
    ])
    const html = page.body as string
    expect(html).not.toMatch(/https?:\/\//)
    const src = /<script nonce="[^"]+" src="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(src).toMatch(/^\/api\/docs\/reference\.js\?v=[0-9a-f]{16}$/)

    const { GET } = routeHandlers(ctx.config)
    const request = new Request(`http://localhost:3000${src}`, {
      headers: { 'Accept-Encoding': 'gzip, br' },
    })
    const script = await GET(request, {
      params: Promise.resolve({ slug: ['docs', 'reference.js'] }),
    })
    expect(script.status).toBe(200)
    expect(script.headers.get('cache-control')).toContain('immutable')
    expect(await script.text()).toContain('createApiReference')
  })
})

describe('GET /api/graphql/schema.graphql', () => {
  it('gives vendors and staff the SDL, with a session or an API key, and no one else', async () => {
    const anonymous = await rest.get('/api/graphql/schema.graphql')
    expect(anonymous.status).toBe(401)
    const organizer = await createUser(ctx.payload, rest, 'organizer')
    const refused = await rest.get('/api/graphql/schema.graphql', { token: organizer.token })
    expect(refused.status).toBe(403)
    const vendor = await createUser(ctx.payload, rest, 'vendor')
    const schema = await rest.get('/api/graphql/schema.graphql', { token: vendor.token })
    expect(schema.status).toBe(200)
    expect(schema.headers.get('content-type')).toContain('application/graphql')
    expect(schema.body).toMatch(/type Vendor \{/)
    expect(schema.body).toMatch(/type Query \{/)

    // An integrator's way in, as the README shows it: a key of their own on their account.
    // Payload lets only accounts that may open the admin (vendors and staff) make one.
    const apiKey = 'a'.repeat(24) + Date.now().toString(36)
    const turnedOn = await rest.patch(`/api/users/${vendor.user.id}`, {
      token: vendor.token,
      body: { enableAPIKey: true, apiKey },
    })
    expect(turnedOn.status).toBe(200)
    expect(JSON.stringify(turnedOn.body)).not.toContain(apiKey)
    await rest.patch(`/api/users/${organizer.user.id}`, {
      token: organizer.token,
      body: { enableAPIKey: true, apiKey: `${apiKey}-organizer` },
    })
    const organizerKey = await rest.get('/api/users/me', { apiKey: `${apiKey}-organizer` })
    expect(organizerKey.body.user).toBeNull()
    const withKey = await rest.get('/api/graphql/schema.graphql', { apiKey })
    expect(withKey.status).toBe(200)
    expect(withKey.body).toBe(schema.body)
    const wrongKey = await rest.get('/api/graphql/schema.graphql', { apiKey: `${apiKey}x` })
    expect(wrongKey.status).toBe(401)
  })
})
