/**
 * Generated requests against every route the server answers — each collection's REST routes,
 * the users' auth routes, every custom endpoint and GraphQL — signed out and in every role,
 * with the ids, filters and bodies an attacker tries. Whatever the input, the server must
 * answer below 500, never with a stack trace, and a refused request must leave the database
 * as it was. The seed is fixed so a failure replays; FUZZ_SEED=<n> explores other requests.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import fc from 'fast-check'
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql'
import fs from 'node:fs'
import type { Endpoint, Payload, SanitizedCollectionConfig } from 'payload'

import { inDays } from '../helpers/dates'
import { createCategory, createVendor } from '../helpers/fixtures'
import {
  badBody,
  badMultipart,
  endpointBody,
  endpointQuery,
  exactWhere,
  fieldPaths,
  fileNames,
  ID_CLASSES,
  INVALID_JSON_BODIES,
  jsonText,
  listParams,
  listQuery,
  NON_OBJECT_BODIES,
  ODD_IDS,
  OPERATORS,
  pick,
  sample,
  whereQuery,
  type BodySpec,
  type FieldPath,
  type Labelled,
} from '../helpers/fuzz'
import { graphqlOperations, MALFORMED_GRAPHQL } from '../helpers/fuzzGraphql'
import {
  ACTORS,
  fuzzRunner,
  report,
  type Actor,
  type Finding,
  type FuzzRequest,
  type FuzzRunner,
  type Method,
} from '../helpers/fuzzRunner'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser, loginBody, TEST_PASSWORD } from '../helpers/users'

const SEED = Number(process.env.FUZZ_SEED ?? 20260415)

type Role = Exclude<Actor, 'anonymous'>
type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let runner: FuzzRunner
const accounts: Partial<Record<Role, Account>> = {}
const realIds: Record<string, number[]> = {}
const realFiles: Record<string, string[]> = {}
const baseDocs: Record<string, Record<string, unknown>> = {}
let categoryId: number
/** The account the auth routes are aimed at: locked out, reset and unlocked by the fuzz. */
const TARGET_EMAIL = 'fuzz-target@example.test'

const must = <T extends { status: number; body: any }>(res: T, status: number, what: string): T => {
  if (res.status !== status)
    throw new Error(`fixture: ${what} answered ${res.status} ${JSON.stringify(res.body)}`)
  return res
}

const upload = (slug: string, who: Account, file: 'photo.png' | 'document.pdf', data: object) => {
  const form = new FormData()
  const bytes = new Uint8Array(fs.readFileSync(`tests/fixtures/${file}`))
  form.append(
    'file',
    new Blob([bytes], { type: file.endsWith('.pdf') ? 'application/pdf' : 'image/png' }),
    file,
  )
  form.append('_payload', JSON.stringify(data))
  return rest.post(`/api/${slug}`, { formData: form, token: who.token })
}

/** A job of the organizer's, published, with the vendor's quote on it. */
const jobWithQuote = async () => {
  const organizer = accounts.organizer!
  const job = must(
    await rest.post('/api/jobs', {
      token: organizer.token,
      body: {
        title: 'Photographer for our garden wedding',
        description: 'Looking for a relaxed photographer for a 120-guest garden wedding in Napier.',
        eventType: 'wedding',
        eventDate: inDays(120),
        guestCount: 120,
        budgetMin: 2000,
        budgetMax: 4500,
        location: { city: 'Napier', address: '12 Marine Parade' },
        categories: [categoryId],
        applicationDeadline: inDays(60),
      },
    }),
    201,
    'posting a job',
  ).body.doc.id as number
  must(await rest.post(`/api/jobs/${job}/publish`, { token: organizer.token }), 200, 'publishing')
  const quote = must(
    await rest.post(`/api/jobs/${job}/apply`, {
      token: accounts.vendor!.token,
      body: {
        message: 'We would love to photograph your day: relaxed, natural and on time.',
        lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
      },
    }),
    201,
    'quoting',
  ).body.data.id as number
  return { job, quote }
}

/** One document in every collection the site fills, made the way the site makes them. */
const createFixtures = async () => {
  for (const role of ['admin', 'moderator', 'vendor', 'organizer'] as const)
    accounts[role] = await createUser(payload, rest, role)
  await payload.create({
    collection: 'users',
    data: {
      email: TARGET_EMAIL,
      password: TEST_PASSWORD,
      firstName: 'Fuzz',
      lastName: 'Target',
      role: 'organizer',
      _verified: true,
    },
    disableVerificationEmail: true,
    context: { seeding: true },
  })
  categoryId = (await createCategory(payload, 'Photographers')).id
  await createVendor(payload, accounts.vendor!.user.id, categoryId)
  must(
    await upload('media', accounts.vendor!, 'photo.png', { alt: 'Portfolio' }),
    201,
    'uploading media',
  )
  await jobWithQuote()
  const booked = await jobWithQuote()
  must(
    await rest.post(`/api/applications/${booked.quote}/accept`, {
      token: accounts.organizer!.token,
    }),
    200,
    'accepting a quote',
  )
  const drizzle = (payload.db as unknown as PostgresAdapter).drizzle
  await drizzle.execute(
    sql`UPDATE bookings SET event_date = now() - interval '3 days', status = 'completed'`,
  )
  const booking = (await payload.find({ collection: 'bookings', limit: 1, overrideAccess: true }))
    .docs[0]!
  const review = must(
    await rest.post('/api/reviews', {
      token: accounts.organizer!.token,
      body: {
        booking: booking.id,
        ratings: { overall: 5, quality: 5, communication: 5, value: 5, professionalism: 5 },
        text: 'Aroha and her team were wonderful: on time, calm and the photos are stunning.',
      },
    }),
    201,
    'reviewing',
  ).body.data.id as number
  await rest.post(`/api/reviews/${review}/response`, {
    token: accounts.vendor!.token,
    body: { text: 'Thank you so much, it was a joy to be part of your day.' },
  })
  const thread = must(
    await rest.post('/api/messages/threads', {
      token: accounts.organizer!.token,
      body: { vendor: (await vendorProfile())!, body: 'Kia ora! Are you free on 14 March?' },
    }),
    201,
    'starting a conversation',
  ).body.data.thread.id as number
  must(
    await upload('message-attachments', accounts.organizer!, 'document.pdf', { thread }),
    201,
    'attaching a file',
  )
  must(
    await upload('verification-documents', accounts.vendor!, 'document.pdf', {
      type: 'insurance',
      expiresAt: inDays(200),
    }),
    201,
    'uploading insurance',
  )
}

const vendorProfile = async () =>
  (
    await payload.find({
      collection: 'vendors',
      where: { owner: { equals: accounts.vendor!.user.id } },
      limit: 1,
      overrideAccess: true,
    })
  ).docs[0]?.id

/** What the fuzz may reach: a few real ids and files per collection, and one real document. */
const readRealDocuments = async () => {
  for (const collection of ctx.config.collections) {
    const { docs } = await payload.find({
      collection: collection.slug as 'users',
      limit: 3,
      depth: 0,
      sort: 'id',
      overrideAccess: true,
    })
    realIds[collection.slug] = docs.map((doc) => doc.id as number)
    realFiles[collection.slug] = docs
      .map((doc) => (doc as { filename?: string }).filename)
      .filter((name): name is string => Boolean(name))
    const first = docs[0] as Record<string, unknown> | undefined
    if (first) {
      const {
        id: _id,
        createdAt: _c,
        updatedAt: _u,
        sizes: _s,
        url: _url,
        thumbnailURL: _t,
        ...rest
      } = first
      baseDocs[collection.slug] = rest
    }
  }
}

/**
 * The fuzz may log a role out, lock it, change its password or delete it; the next requests
 * must still be made in that role, so the account is put back and signed in again.
 */
const ensureAccounts = async () => {
  let restored = false
  for (const role of ['admin', 'moderator', 'vendor', 'organizer'] as const) {
    const account = accounts[role]!
    const me = await rest.get('/api/users/me', { token: account.token })
    if (me.body?.user?.id === account.user.id && me.body.user.role === role) continue
    restored = true
    const user = await payload.findByID({
      collection: 'users',
      id: account.user.id,
      overrideAccess: true,
      disableErrors: true,
    })
    if (!user) {
      accounts[role] = await createUser(payload, rest, role)
      continue
    }
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { role, password: TEST_PASSWORD, _verified: true, loginAttempts: 0, lockUntil: null },
      overrideAccess: true,
      context: { seeding: true },
    })
    const login = must(
      await rest.post('/api/users/login', { body: await loginBody(payload, user) }),
      200,
      `signing ${role} in again`,
    )
    accounts[role] = { user, token: login.body.token, email: user.email }
  }
  if (!(await vendorProfile())) {
    restored = true
    await createVendor(payload, accounts.vendor!.user.id, categoryId)
  }
  if (restored) runner.invalidate()
}

/** A write that may have logged a role out or changed its account or vendor profile. */
const touchesAccounts = (request: FuzzRequest) =>
  request.graphql
    ? request.graphql.mutation && /User|Vendor/.test(request.input)
    : request.method !== 'GET' && /^\/api\/(users|vendors)/.test(request.url)

const token = (actor: Actor) => (actor === 'anonymous' ? undefined : accounts[actor]?.token)

const collections = () => ctx.config.collections
const pathsOf = (collection: SanitizedCollectionConfig) => fieldPaths(collection.flattenedFields)

const labelledIds = (ids: number[], kind: string): Labelled[] =>
  ids.map((id) => ({ value: String(id), kind }))

/** Mostly odd ids, sometimes a real one of this collection (or of another when it has none). */
const idArb = (slug: string): fc.Arbitrary<Labelled> => {
  const own = labelledIds(realIds[slug] ?? [], 'real id')
  const other = labelledIds(Object.values(realIds).flat().slice(0, 5), 'id of another collection')
  return fc.oneof(
    { weight: 5, arbitrary: pick(ODD_IDS) },
    { weight: 2, arbitrary: pick(own.length ? own : other.length ? other : ODD_IDS) },
    {
      weight: 1,
      arbitrary: fc.string({ minLength: 1, maxLength: 8 }).map((text) => ({
        value: encodeURIComponent(text),
        kind: 'random text',
      })),
    },
  )
}

const request = (
  actor: Actor,
  method: Method,
  url: string,
  route: string,
  input: string,
  body?: BodySpec,
): FuzzRequest => ({
  actor,
  method,
  url,
  route,
  input,
  body: body?.text === undefined && !body?.multipart ? undefined : body,
})

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path)

const findings: Finding[] = []
const started = performance.now()

/** Runs the requests and fails, with every problem grouped, if any answer was wrong. */
const fuzz = async (requests: FuzzRequest[]) => {
  await ensureAccounts()
  const found = await runner.run(requests)
  findings.push(...found)
  if (found.length) throw new Error(report(found, { seed: SEED, sent: requests.length }))
}

beforeAll(async () => {
  ctx = await startPayload('fuzz')
  payload = ctx.payload
  rest = restClient(ctx.config)
  await createFixtures()
  await readRealDocuments()
  runner = await fuzzRunner({
    payload,
    config: ctx.config,
    tokens: () => Object.fromEntries(ACTORS.map((actor) => [actor, token(actor)])),
    // Answers the embedded test config causes: no REST for Payload's migrations, no Stripe.
    deliberate: (status, text) => {
      if (status === 501 && /^\{"message":"Cannot [A-Z]+ /.test(text))
        return '501 from Payload: the collection has no REST endpoints (endpoints: false)'
      const code = status === 503 && text.match(/"code":"(BILLING_NOT_CONFIGURED|SEARCH_DISABLED)"/)
      return code ? `503 ${code[1]}: the feature is switched off in the test config` : undefined
    },
    afterAnswer: async (sent, status) => {
      if (status < 400 && touchesAccounts(sent)) await ensureAccounts()
    },
  })
})

afterAll(async () => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const stats = runner?.stats
  const costliest = [...(stats?.msByRoute ?? [])]
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([route, ms]) => `${route} ${(ms / 1000).toFixed(1)}s`)
  const deliberate = [...(stats?.deliberate ?? [])].map(([why, count]) => `${count}× ${why}`)
  console.log(
    [
      `fuzz: ${stats?.sent ?? 0} requests in ${seconds}s (seed ${SEED}), ${findings.length} problems, ${stats?.streams ?? 0} live streams opened and cancelled`,
      `slowest answer ${Math.round(stats?.slowest.ms ?? 0)} ms from ${stats?.slowest.route}; most time in ${costliest.join(', ')}`,
      ...(deliberate.length
        ? [`5xx answered on purpose, not counted: ${deliberate.join('; ')}`]
        : []),
    ].join('\n'),
  )
  if (process.env.FUZZ_REPORT)
    fs.writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(findings, null, 1))
  await ctx?.stop()
})

describe('fuzzing every route', () => {
  it('REST reads: lists, counts, documents and files of every collection', async () => {
    // Every operator on every type of field somewhere, as admin so that access never stops the
    // filter before the database sees it; then random filters and parameters in every role.
    const fields = collections().flatMap((collection) =>
      pathsOf(collection).map((path) => ({ slug: collection.slug, path })),
    )
    const types = [...new Set(fields.map(({ path }) => path.field.type))]
    const byTypeAndOperator = types.flatMap((type) =>
      OPERATORS.flatMap((operator) => {
        const filter = pick(fields.filter(({ path }) => path.field.type === type)).chain((target) =>
          exactWhere(target.path, operator).map((where) => ({ slug: target.slug, where })),
        )
        return sample(SEED, `filter ${type} ${operator}`, filter, 1).map(({ slug, where }) =>
          request('admin', 'GET', `/api/${slug}?${where.text}`, `GET /api/${slug}`, where.kind),
        )
      }),
    )
    const perCollection = collections().flatMap((collection) => {
      const { slug } = collection
      const paths = pathsOf(collection)
      const list = fc.record({ actor: pick(ACTORS), query: listQuery(paths) })
      const lists = sample(SEED, `list ${slug}`, list, 12).map(({ actor, query }) =>
        request(
          actor,
          'GET',
          withQuery(`/api/${slug}`, query.text),
          `GET /api/${slug}`,
          query.kind,
        ),
      )
      const counts = sample(SEED, `count ${slug}`, list, 6).map(({ actor, query }) =>
        request(
          actor,
          'GET',
          withQuery(`/api/${slug}/count`, query.text),
          `GET /api/${slug}/count`,
          query.kind,
        ),
      )
      const item = (id: fc.Arbitrary<Labelled>) =>
        fc.record({
          actor: pick(ACTORS),
          id,
          params: fc.array(pick(listParams(paths)), { maxLength: 2 }),
        })
      const documents = [
        ...ID_CLASSES.flatMap((id) =>
          sample(SEED, `find ${slug} ${id.kind}`, item(fc.constant(id)), 1),
        ),
        ...sample(SEED, `find ${slug}`, item(idArb(slug)), 4),
      ].map(({ actor, id, params }) =>
        request(
          actor,
          'GET',
          withQuery(`/api/${slug}/${id.value}`, params.map((param) => param.text).join('&')),
          `GET /api/${slug}/:id`,
          [`id ${id.kind}`, ...params.map((param) => param.kind)].join('; '),
        ),
      )
      const files = collection.upload
        ? sample(
            SEED,
            `file ${slug}`,
            fc.record({ actor: pick(ACTORS), name: pick(fileNames(realFiles[slug] ?? [])) }),
            15,
          ).map(({ actor, name }) =>
            request(
              actor,
              'GET',
              `/api/${slug}/file/${name.value}`,
              `GET /api/${slug}/file/:filename`,
              name.kind,
            ),
          )
        : []
      return [...lists, ...counts, ...documents, ...files]
    })
    await fuzz([...byTypeAndOperator, ...perCollection])
  })

  it('REST writes: creates, updates and filtered bulk updates with bodies of the wrong shape', async () => {
    const requests = collections().flatMap((collection) => {
      const { slug } = collection
      const paths = pathsOf(collection)
      const body = badBody(paths, baseDocs[slug])
      const creates = sample(
        SEED,
        `create ${slug}`,
        fc.record({ actor: pick(ACTORS), body }),
        15,
      ).map(({ actor, body }) =>
        request(actor, 'POST', `/api/${slug}`, `POST /api/${slug}`, body.kind, body),
      )
      const updates = sample(
        SEED,
        `update ${slug}`,
        fc.record({ actor: pick(ACTORS), id: idArb(slug), body }),
        15,
      ).map(({ actor, id, body }) =>
        request(
          actor,
          'PATCH',
          `/api/${slug}/${id.value}`,
          `PATCH /api/${slug}/:id`,
          `id ${id.kind}; ${body.kind}`,
          body,
        ),
      )
      const bulk = sample(
        SEED,
        `bulk update ${slug}`,
        fc.record({ actor: pick(ACTORS), where: whereQuery(paths), body }),
        8,
      ).map(({ actor, where, body }) =>
        request(
          actor,
          'PATCH',
          `/api/${slug}?${where.text}`,
          `PATCH /api/${slug}?where`,
          `${where.kind}; ${body.kind}`,
          body,
        ),
      )
      return [...creates, ...updates, ...bulk]
    })
    await fuzz(requests)
  })

  it('uploads: multipart bodies with a bad _payload or a missing, empty or lying file', async () => {
    const requests = collections()
      .filter((collection) => collection.upload)
      .flatMap((collection) => {
        const { slug } = collection
        const body = badMultipart(pathsOf(collection))
        return [
          ...sample(SEED, `upload ${slug}`, fc.record({ actor: pick(ACTORS), body }), 30).map(
            ({ actor, body }) =>
              request(
                actor,
                'POST',
                `/api/${slug}`,
                `POST /api/${slug} (multipart)`,
                body.kind,
                body,
              ),
          ),
          ...sample(
            SEED,
            `reupload ${slug}`,
            fc.record({ actor: pick(ACTORS), id: idArb(slug), body }),
            10,
          ).map(({ actor, id, body }) =>
            request(
              actor,
              'PATCH',
              `/api/${slug}/${id.value}`,
              `PATCH /api/${slug}/:id (multipart)`,
              `id ${id.kind}; ${body.kind}`,
              body,
            ),
          ),
        ]
      })
    await fuzz(requests)
  })

  it('auth routes of users: login, logout, me, refresh, forgot, reset, verify and unlock', async () => {
    const credential = pick<Labelled<unknown>>([
      { value: TARGET_EMAIL, kind: 'a real email' },
      { value: TARGET_EMAIL.toUpperCase(), kind: 'a real email in capitals' },
      { value: ` ${TARGET_EMAIL} `, kind: 'a padded email' },
      { value: 'nobody@example.test', kind: 'unknown email' },
      { value: 'x'.repeat(10_000), kind: 'very long' },
      { value: "' OR 1=1 --", kind: 'SQL quote' },
      { value: 42, kind: 'number' },
      { value: { $ne: null }, kind: 'operator object' },
      { value: [TARGET_EMAIL], kind: 'array' },
      { value: null, kind: 'null' },
      { value: '', kind: 'empty' },
    ])
    const fields = (names: string[]) =>
      fc.oneof(
        { weight: 1, arbitrary: pick([...NON_OBJECT_BODIES, ...INVALID_JSON_BODIES]) },
        {
          weight: 3,
          arbitrary: fc
            .tuple(...names.map(() => fc.option(credential, { nil: undefined })))
            .map((values): BodySpec => {
              const entries = names.flatMap((name, i) =>
                values[i] ? [[name, values[i]!] as const] : [],
              )
              return {
                text: jsonText(
                  Object.fromEntries(entries.map(([name, value]) => [name, value.value])),
                ),
                kind:
                  entries.map(([name, value]) => `${name} ${value.kind}`).join(', ') ||
                  'empty object',
              }
            }),
        },
      )
    const routes: {
      method: Method
      path: fc.Arbitrary<Labelled>
      body?: fc.Arbitrary<BodySpec>
    }[] = [
      {
        method: 'POST',
        path: fc.constant({ value: '/login', kind: '' }),
        body: fields(['email', 'password']),
      },
      {
        method: 'POST',
        path: pick([
          { value: '/logout', kind: '' },
          { value: '/logout?allSessions=abc', kind: 'allSessions odd' },
        ]),
      },
      {
        method: 'GET',
        path: pick([
          { value: '/me', kind: '' },
          { value: '/me?depth=1e309', kind: 'depth odd' },
        ]),
      },
      {
        method: 'POST',
        path: fc.constant({ value: '/refresh-token', kind: '' }),
        body: fields(['token']),
      },
      {
        method: 'POST',
        path: fc.constant({ value: '/forgot-password', kind: '' }),
        body: fields(['email', 'disableEmail']),
      },
      {
        method: 'POST',
        path: fc.constant({ value: '/reset-password', kind: '' }),
        body: fields(['token', 'password']),
      },
      {
        method: 'POST',
        path: pick(ODD_IDS).map((id) => ({
          value: `/verify/${id.value}`,
          kind: `token ${id.kind}`,
        })),
      },
      {
        method: 'POST',
        path: fc.constant({ value: '/unlock', kind: '' }),
        body: fields(['email']),
      },
    ]
    const requests = routes.flatMap((route) =>
      ACTORS.flatMap((actor) =>
        sample(
          SEED,
          `auth ${route.method} ${actor}`,
          fc.record({ path: route.path, body: route.body ?? fc.constant(undefined) }),
          4,
        ).map(({ path, body }) =>
          request(
            actor,
            route.method,
            `/api/users${path.value}`,
            `${route.method} /api/users${path.value.split('?')[0]!.replace(/\/verify\/.*/, '/verify/:token')}`,
            [path.kind, body?.kind].filter(Boolean).join('; ') || 'no body',
            body,
          ),
        ),
      ),
    )
    await fuzz(requests)
  })

  it('custom endpoints of every collection and of the config, plugins included', async () => {
    const shared = sharedRoutes()
    const requests = endpointsToFuzz().flatMap(({ slug, endpoint }) =>
      endpoint.method === 'delete' ? [] : endpointRequests(slug, endpoint, 1, shared),
    )
    // Browsers send a preflight before a cross-origin write; Payload answers it for any path.
    const preflights = collections().flatMap(({ slug }) =>
      sample(SEED, `preflight ${slug}`, fc.record({ actor: pick(ACTORS), id: idArb(slug) }), 1).map(
        ({ actor, id }) =>
          request(
            actor,
            'OPTIONS',
            `/api/${slug}/${id.value}`,
            `OPTIONS /api/${slug}/:id`,
            `id ${id.kind}`,
          ),
      ),
    )
    await fuzz([...requests, ...preflights])
  })

  it('GraphQL: every query and mutation with odd ids, filters and variables', async () => {
    const introspection = await rest.graphql<{ data: IntrospectionQuery }>(getIntrospectionQuery())
    const realIdList = [...new Set(Object.values(realIds).flat())].slice(0, 5)
    const operations = graphqlOperations(introspection.body.data.__schema, realIdList)
    const calls = operations.flatMap(({ field, arbitrary }) =>
      sample(SEED, `graphql ${field}`, fc.record({ actor: pick(ACTORS), call: arbitrary }), 3),
    )
    const malformed = MALFORMED_GRAPHQL.flatMap((call) => ACTORS.map((actor) => ({ actor, call })))
    const requests = [...calls, ...malformed].map(({ actor, call }) => ({
      ...request(
        actor,
        'POST',
        '/api/graphql',
        `POST /api/graphql ${call.kind.split('(')[0]}`,
        call.kind,
        { text: call.text, kind: call.kind },
      ),
      graphql: { mutation: call.mutation },
    }))
    await fuzz(requests)
  })

  // Last: these may delete the fixtures the other tests reach.
  it('deletes: by odd and real ids, by filter, and the custom DELETE endpoints', async () => {
    const requests = [...collections()].reverse().flatMap((collection) => {
      const { slug } = collection
      const single = sample(
        SEED,
        `delete ${slug}`,
        fc.record({ actor: pick(ACTORS), id: idArb(slug) }),
        8,
      ).map(({ actor, id }) =>
        request(
          actor,
          'DELETE',
          `/api/${slug}/${id.value}`,
          `DELETE /api/${slug}/:id`,
          `id ${id.kind}`,
        ),
      )
      const bulk = sample(
        SEED,
        `bulk delete ${slug}`,
        fc.record({ actor: pick(ACTORS), where: whereQuery(pathsOf(collection)) }),
        4,
      ).map(({ actor, where }) =>
        request(
          actor,
          'DELETE',
          `/api/${slug}?${where.text}`,
          `DELETE /api/${slug}?where`,
          where.kind,
        ),
      )
      return [...single, ...bulk]
    })
    const shared = sharedRoutes()
    const custom = endpointsToFuzz().flatMap(({ slug, endpoint }) =>
      endpoint.method === 'delete' ? endpointRequests(slug, endpoint, 1, shared) : [],
    )
    await fuzz([...custom, ...requests])
  })
})

/** Routes the tests above fuzz with inputs made for them; every other endpoint is fuzzed here. */
const TAILORED = new Set([
  'get /',
  'get /:id',
  'get /count',
  'post /',
  'patch /',
  'patch /:id',
  'delete /',
  'delete /:id',
  'get /file/:filename',
  'post /login',
  'post /logout',
  'get /me',
  'post /refresh-token',
  'post /forgot-password',
  'post /reset-password',
  'post /verify/:id',
  'post /unlock',
])

/** Every endpoint the config serves, read at runtime: collections', plugins' and the root's. */
const endpointsToFuzz = (): { slug?: string; endpoint: Endpoint }[] => {
  const seen = new Set<string>()
  const unique = (slug: string | undefined, endpoint: Endpoint) => {
    const key = `${slug ?? ''} ${endpoint.method} ${endpoint.path}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  }
  return [
    ...collections().flatMap((collection) =>
      (collection.endpoints || [])
        .filter((endpoint) => !TAILORED.has(`${endpoint.method} ${endpoint.path}`))
        .filter((endpoint) => unique(collection.slug, endpoint))
        .map((endpoint) => ({ slug: collection.slug, endpoint })),
    ),
    ...(ctx.config.endpoints || [])
      .filter((endpoint) => unique(undefined, endpoint))
      .map((endpoint) => ({ endpoint })),
  ]
}

/** The collection an `:id` names: the segment before it (`threads/:id`, `vendor/:id`), or the route's own. */
const slugForParam = (segments: string[], index: number, own?: string) => {
  const before = segments[index - 1]
  const slugs = collections().map((collection) => collection.slug)
  return slugs.find((slug) => slug === before || slug === `${before}s`) ?? own ?? ''
}

const paramArb = (segments: string[], index: number, own?: string): fc.Arbitrary<Labelled> => {
  const segment = segments[index]!
  const optional = segment.endsWith('?')
  const name = segment.replace(/^:/, '').replace(/\?$/, '')
  const slug = slugForParam(segments, index, own)
  const value =
    name === 'filename'
      ? pick(fileNames(realFiles[slug] ?? []))
      : name === 'key'
        ? pick<Labelled>([
            { value: 'abc', kind: 'key word' },
            { value: '%2e%2e', kind: 'key encoded dot-dot' },
            { value: 'a'.repeat(300), kind: 'key long' },
            { value: '__proto__', kind: 'key __proto__' },
          ])
        : idArb(slug)
  return optional
    ? fc
        .option(value, { nil: undefined })
        .map((picked) => picked ?? { value: '', kind: `no ${name}` })
    : value
}

const QUOTE = {
  message: 'We would love to photograph your day: relaxed, natural and on time.',
  lineItems: [{ description: 'Photography, 8 hours', quantity: 8, unitPriceCents: 25_000 }],
}

/**
 * Bodies the app's `:id` routes accept, as the site sends them: with these, a bad id is the only
 * thing wrong with the request, so it is the id the route must refuse. Other routes get `{}`.
 */
const PLAUSIBLE_BODIES: Record<string, unknown> = {
  'POST /api/jobs/:id/apply': QUOTE,
  'PUT /api/applications/:id': QUOTE,
  'POST /api/reviews/:id/response': {
    text: 'Thank you so much, it was a joy to be part of your day.',
  },
  'PUT /api/review-responses/:id': {
    text: 'Thank you again, it was a joy to be part of your day.',
  },
  'PUT /api/reviews/:id': { text: 'Aroha and her team were wonderful: on time, calm and kind.' },
  'POST /api/reviews/:id/report': { reason: 'This review is about a different business.' },
  'POST /api/reviews/:id/moderate': { action: 'reject', reason: 'Not about this vendor.' },
  'POST /api/messages/threads/:id/messages': { body: 'Kia ora, are you free on 14 March?' },
  'PUT /api/messages/:id': { body: 'Kia ora, are you free on 15 March?' },
  'POST /api/messages/:id/moderate': { action: 'clear' },
  'POST /api/vendors/:id/moderate': { action: 'approve' },
  'POST /api/verification-documents/:id/decide': { decision: 'approve' },
  'POST /api/subscriptions/:id/upgrade': { tier: 'showcase' },
  'PUT /api/subscriptions/:id': { cancelAtPeriodEnd: true },
  'POST /api/payments/:id/refund': { reason: 'Charged twice.' },
}

const plausibleBody = (route: string): BodySpec => ({
  text: jsonText(PLAUSIBLE_BODIES[route] ?? {}),
  kind: PLAUSIBLE_BODIES[route] ? 'a body the route accepts' : 'empty object',
})

/** Method and path pairs most collections serve: Payload's own routes, not the app's. */
const sharedRoutes = () => {
  const counts = new Map<string, number>()
  for (const collection of collections())
    for (const endpoint of collection.endpoints || []) {
      const key = `${endpoint.method} ${endpoint.path}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  return new Set([...counts].filter(([, n]) => n > collections().length / 2).map(([key]) => key))
}

/**
 * Requests for one endpoint: `perActor` random ones in each role, and for the app's own routes
 * with an `:id`, every class of bad id in every role, since whether the id reaches the database
 * depends on who asks (a vendor's quote on job 2147483648 gets further than a stranger's).
 */
const endpointRequests = (
  slug: string | undefined,
  endpoint: Endpoint,
  perActor: number,
  shared: Set<string>,
): FuzzRequest[] => {
  const method = endpoint.method.toUpperCase() as Method
  const segments = endpoint.path.split('/')
  const collection = collections().find((each) => each.slug === slug)
  const paths: FieldPath[] = collection ? pathsOf(collection) : []
  const arbitrary = (id?: Labelled) =>
    fc.record({
      params: fc.tuple(
        ...segments.map((segment, index) =>
          id && segment === ':id'
            ? fc.constant(id)
            : segment.startsWith(':')
              ? paramArb(segments, index, slug)
              : fc.constant<Labelled | string>(segment),
        ),
      ),
      query: id
        ? fc.constant(undefined)
        : method === 'GET'
          ? endpointQuery(paths)
          : fc.option(endpointQuery(paths), { nil: undefined, freq: 4 }),
      body:
        method === 'GET'
          ? fc.constant(undefined)
          : id
            ? fc.constant(plausibleBody(`${method} /api${slug ? `/${slug}` : ''}${endpoint.path}`))
            : endpointBody(paths),
    })
  const base = `/api${slug ? `/${slug}` : ''}`
  const route = `${method} ${base}${endpoint.path === '/' ? '' : endpoint.path}`
  const systematic = segments.includes(':id') && !shared.has(`${endpoint.method} ${endpoint.path}`)
  const generated = ACTORS.flatMap((actor) => [
    ...sample(SEED, `endpoint ${route} ${actor}`, arbitrary(), perActor).map((value) => ({
      actor,
      value,
    })),
    ...(systematic ? ID_CLASSES : []).flatMap((id) =>
      sample(SEED, `endpoint ${route} ${actor} ${id.kind}`, arbitrary(id), 1).map((value) => ({
        actor,
        value,
      })),
    ),
  ])
  return generated.map(({ actor, value: { params, query, body } }) => {
    const path = params
      .map((param) => (typeof param === 'string' ? param : param.value))
      .join('/')
      .replace(/\/+$/, '')
    const kinds = [
      ...params.flatMap((param) => (typeof param === 'string' ? [] : [param.kind])),
      query?.kind,
      body?.kind,
    ].filter((kind) => kind && kind !== 'no query')
    return request(
      actor,
      method,
      withQuery(`${base}${path}`, query?.text ?? ''),
      route,
      kinds.join('; ') || 'no input',
      body,
    )
  })
}
