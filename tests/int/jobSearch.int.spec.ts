import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import {
  databasePool,
  type JobSearchEngine,
  meilisearchJobEngine,
  postgresJobEngine,
  setJobSearchEngine,
  syncJobs,
} from '../../plugins/search'
import { inDays } from '../helpers/dates'
import { createCategory } from '../helpers/fixtures'
import { type MeiliPeer, startMeiliPeer } from '../helpers/meiliPeer'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { createUser } from '../helpers/users'

type Account = Awaited<ReturnType<typeof createUser>>

let ctx: TestContext
let payload: Payload
let rest: RestClient
let organizer: Account
let vendor: Account
let peer: MeiliPeer
const categories: Record<string, number> = {}
const jobs: Record<string, number> = {}

const day = (days: number) => inDays(days).slice(0, 10)

const post = async (name: string, body: Record<string, unknown>, publish = true) => {
  const created = await rest.post('/api/jobs', {
    token: organizer.token,
    body: {
      description: 'A job on the board, described in enough words for the form to take it.',
      guestCount: 80,
      applicationDeadline: inDays(20),
      ...body,
    },
  })
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  jobs[name] = created.body.doc.id
  if (publish) await rest.post(`/api/jobs/${jobs[name]}/publish`, { token: organizer.token })
}

/** Index updates go through the Jobs Queue (the outbox); tests apply them when they choose. */
const applyIndexUpdates = () => payload.jobs.run({ queue: 'search', limit: 100 })

const search = (params: string, token = vendor.token) =>
  rest.get(`/api/jobs/search?${params}`, { token })
const foundIds = async (params: string) => {
  const res = await search(params)
  if (res.status !== 200) throw new Error(JSON.stringify(res.body))
  return (res.body.data.jobs as { id: number }[]).map((job) => job.id)
}

beforeAll(async () => {
  ctx = await startPayload('jobsearch')
  payload = ctx.payload
  rest = restClient(ctx.config)
  const photo = await createCategory(payload, 'Photography & Video')
  categories.photography = photo.id
  categories.photographers = (await createCategory(payload, 'Wedding photographers', photo.id)).id
  categories.caterers = (await createCategory(payload, 'Caterers')).id
  organizer = await createUser(payload, rest, 'organizer')
  vendor = await createUser(payload, rest, 'vendor')
  await post('napierWedding', {
    title: 'Photographer for a garden wedding',
    eventType: 'wedding',
    eventDate: inDays(90),
    budgetMin: 2000,
    budgetMax: 4000,
    location: { city: 'Napier', address: '1 Secret Lane' },
    categories: [categories.photographers],
  })
  await post('aucklandGala', {
    title: 'Caterer for a corporate gala dinner',
    eventType: 'corporate',
    eventDate: inDays(30),
    budgetMin: 8000,
    budgetMax: 15000,
    location: { city: 'Auckland' },
    categories: [categories.caterers],
    isUrgent: true,
  })
  await post('hastingsBirthday', {
    title: 'Birthday party photos',
    eventType: 'birthday',
    eventDate: inDays(60),
    budgetMin: 300,
    budgetMax: 800,
    location: { city: 'Hastings' },
    categories: [categories.photographers],
  })
  await post(
    'draft',
    {
      title: 'A draft nobody should find',
      eventType: 'wedding',
      eventDate: inDays(70),
      budgetMin: 100,
      budgetMax: 200,
      location: { city: 'Napier' },
      categories: [categories.photographers],
    },
    false,
  )
  await applyIndexUpdates()
  peer = await startMeiliPeer()
})

afterAll(async () => {
  await peer?.close()
  await ctx?.stop()
})

describe('GET /api/jobs/search', () => {
  it('is the vendors’ board: anonymous callers sign in, organizers are refused', async () => {
    expect((await rest.get('/api/jobs/search')).status).toBe(401)
    const asOrganizer = await search('', organizer.token)
    expect(asOrganizer.status).toBe(403)
    expect(asOrganizer.body.error.code).toBe('FORBIDDEN')
  })

  it('lists published jobs only, urgent first, with public fields only', async () => {
    const res = await search('')
    expect(res.status).toBe(200)
    const ids = res.body.data.jobs.map((job: { id: number }) => job.id)
    expect(ids[0]).toBe(jobs.aucklandGala)
    expect(ids.sort()).toEqual(
      [jobs.napierWedding, jobs.aucklandGala, jobs.hastingsBirthday].sort(),
    )
    const text = JSON.stringify(res.body)
    expect(text).not.toContain('Secret Lane')
    expect(res.body.data.jobs[0]).not.toHaveProperty('organizer')
    expect(res.body.meta.engine).toBe('postgres')
  })

  it('filters by words, category family, region, place and radius, dates, budget overlap and event type', async () => {
    expect(await foundIds('q=photo')).toEqual(
      expect.arrayContaining([jobs.napierWedding, jobs.hastingsBirthday]),
    )
    expect(await foundIds('q=gala')).toEqual([jobs.aucklandGala])
    expect((await foundIds('categories=photography-and-video')).sort()).toEqual(
      [jobs.napierWedding, jobs.hastingsBirthday].sort(),
    )
    expect(await foundIds('region=auckland')).toEqual([jobs.aucklandGala])
    // Several regions: jobs in any of them (the vendor's board asks for all they serve).
    expect((await foundIds('region=auckland,hawkes-bay')).sort()).toEqual(
      [jobs.aucklandGala, jobs.napierWedding, jobs.hastingsBirthday].sort(),
    )
    const unknown = await search('region=auckland,atlantis')
    expect(unknown.status).toBe(400)
    expect((await foundIds('near=Napier&radius=30')).sort()).toEqual(
      [jobs.napierWedding, jobs.hastingsBirthday].sort(),
    )
    expect(await foundIds(`from=${day(45)}&to=${day(75)}`)).toEqual([jobs.hastingsBirthday])
    expect((await foundIds('budgetMin=3500&budgetMax=9000')).sort()).toEqual(
      [jobs.napierWedding, jobs.aucklandGala].sort(),
    )
    expect(await foundIds('eventType=birthday,corporate&sort=eventDate')).toEqual([
      jobs.aucklandGala,
      jobs.hastingsBirthday,
    ])
  })

  it('sorts by distance from a place and says how far each job is', async () => {
    const res = await search('near=Hastings&radius=50&sort=distance')
    const found = res.body.data.jobs as { id: number; distanceKm: number }[]
    expect(found.map((job) => job.id)).toEqual([jobs.hastingsBirthday, jobs.napierWedding])
    expect(found[0]!.distanceKm).toBeLessThan(found[1]!.distanceKm)
  })

  it('counts facets over the matching jobs', async () => {
    const { facets } = (await search('region=hawkes-bay')).body.data
    expect(facets.categories).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          slug: 'wedding-photographers',
          name: 'Wedding photographers',
          count: 2,
        }),
        expect.objectContaining({ slug: 'photography-and-video', count: 2 }),
      ]),
    )
    expect(facets.eventTypes).toEqual([
      { value: 'wedding', label: 'Wedding', count: 1 },
      { value: 'birthday', label: 'Birthday', count: 1 },
    ])
    expect(facets.urgent.count).toBe(0)
  })

  it.each([
    ['a radius without a place', 'radius=20', 'radius'],
    ['an event type that does not exist', 'eventType=funeral', 'eventTypes.0'],
    ['a budget range upside down', 'budgetMin=500&budgetMax=100', 'budgetMax'],
    ['dates upside down', `from=${day(10)}&to=${day(5)}`, 'to'],
    ['an unknown parameter', 'colour=blue', 'colour'],
    ['a place that is not in New Zealand', 'near=Atlantis', 'near'],
    ['distance sort without a place', 'sort=distance', 'sort'],
  ])('answers %s with 400 naming the parameter', async (_, params, field) => {
    const res = await search(params)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('INVALID_SEARCH_REQUEST')
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field)
  })

  it('drops a job from the board when it closes, and when its quote deadline passes', async () => {
    await rest.post(`/api/jobs/${jobs.hastingsBirthday}/close`, { token: organizer.token })
    expect(await foundIds('')).toContain(jobs.hastingsBirthday)
    await applyIndexUpdates()
    expect(await foundIds('')).not.toContain(jobs.hastingsBirthday)

    await (payload.db as unknown as PostgresAdapter).drizzle.execute(
      sql`update jobs set application_deadline = now() - interval '1 minute' where id = ${jobs.napierWedding}`,
    )
    await syncJobs(payload, [jobs.napierWedding!])
    expect(await foundIds('')).toEqual([jobs.aucklandGala])
  })
})

describe('the same board on both engines', () => {
  const engines: Record<string, JobSearchEngine> = {}

  beforeAll(async () => {
    // Reopen the board with fresh jobs, then index them into each engine.
    await post('queenstownWedding', {
      title: 'Wedding photographer in the mountains',
      eventType: 'wedding',
      eventDate: inDays(100),
      budgetMin: 3000,
      budgetMax: 6000,
      location: { city: 'Queenstown' },
      categories: [categories.photographers],
      isUrgent: true,
    })
    await post('wellingtonConference', {
      title: 'Conference catering for 300',
      eventType: 'conference',
      eventDate: inDays(40),
      budgetMin: 10000,
      budgetMax: 20000,
      location: { city: 'Wellington' },
      categories: [categories.caterers],
    })
    // "Caterers" in its title, where the conference below has it only in its category, but
    // later, closing later and farther from Wellington: relevance and each sort disagree.
    await post('aucklandVineyard', {
      title: 'Caterers for a vineyard wedding',
      eventType: 'wedding',
      eventDate: inDays(120),
      budgetMin: 4000,
      budgetMax: 9000,
      location: { city: 'Auckland' },
      categories: [categories.caterers],
      applicationDeadline: inDays(25),
    })
    engines.postgres = postgresJobEngine({ pool: databasePool(payload) })
    engines.meilisearch = meilisearchJobEngine({
      host: peer.url,
      apiKey: peer.apiKey,
      indexPrefix: 'contract',
    })
    for (const engine of Object.values(engines)) {
      setJobSearchEngine(payload, engine)
      await syncJobs(payload)
    }
  })

  const queries = [
    '',
    'q=wedding',
    'q=cater',
    'categories=photography-and-video',
    'region=otago',
    'region=otago,wellington',
    'near=Wellington&radius=100',
    'budgetMin=5000',
    'eventType=conference,wedding&sort=eventDate',
    'sort=newest',
    'sort=deadline',
    'urgent=true',
    // Every word required: the conference's caterers match the first word but not "gala".
    'q=caterers gala',
    // Text with an explicit sort: that order strictly (after urgent first), as PostgreSQL has it.
    'q=caterers&sort=eventDate',
    'q=caterers&sort=deadline',
    'q=caterers&near=Wellington&radius=1000&sort=distance',
  ]

  it.each(queries)('finds the same jobs and counts for "%s"', async (params) => {
    const results: Record<string, { ids: number[]; total: number; facets: unknown }> = {}
    for (const [name, engine] of Object.entries(engines)) {
      setJobSearchEngine(payload, engine)
      const res = await search(params)
      expect(res.status).toBe(200)
      expect(res.body.meta.engine).toBe(name)
      results[name] = {
        ids: res.body.data.jobs.map((job: { id: number }) => job.id),
        total: res.body.data.total,
        facets: res.body.data.facets,
      }
    }
    const [pg, meili] = [results.postgres!, results.meilisearch!]
    // Words are ranked by each engine's own relevance; an explicit sort is one order.
    if (params.startsWith('q=') && !params.includes('sort='))
      expect([...meili.ids].sort()).toEqual([...pg.ids].sort())
    else expect(meili.ids).toEqual(pg.ids)
    expect(meili.total).toBe(pg.total)
    expect(meili.facets).toEqual(pg.facets)
    expect(pg.total).toBeGreaterThan(0)
  })

  it('answers the first search after a restart promptly while a backlog holds the task queue', async () => {
    setJobSearchEngine(payload, engines.postgres!)
    const expected = (await search('')).body.data.jobs.map((job: { id: number }) => job.id)
    // A restarted app: a new engine whose index was ensured by the previous run's onInit.
    setJobSearchEngine(
      payload,
      meilisearchJobEngine({ host: peer.url, apiKey: peer.apiKey, indexPrefix: 'contract' }),
    )
    peer.pauseTasks()
    let timer: NodeJS.Timeout | undefined
    try {
      const answer = await Promise.race([
        search(''),
        new Promise<'no answer'>((resolve) => {
          timer = setTimeout(() => resolve('no answer'), 2000)
        }),
      ])
      expect(answer).not.toBe('no answer')
      const res = answer as Awaited<ReturnType<typeof search>>
      expect(res.status).toBe(200)
      expect(res.body.data.jobs.map((job: { id: number }) => job.id)).toEqual(expected)
    } finally {
      clearTimeout(timer)
      peer.resumeTasks()
    }
  })

  it('sends Meilisearch the filters its API documents', async () => {
    setJobSearchEngine(payload, engines.meilisearch!)
    peer.requests.length = 0
    await search('region=otago&budgetMin=100&eventType=wedding')
    const searchRequest = peer.requests.find((r) => r.path.endsWith('/search'))
    expect(searchRequest?.path).toBe('/indexes/contract_jobs/search')
    expect((searchRequest?.body as { filter: string[] }).filter).toEqual(
      expect.arrayContaining(['region = "otago"', 'budgetMax >= 100', 'eventType IN ["wedding"]']),
    )
    peer.requests.length = 0
    await search('region=otago,wellington')
    const several = peer.requests.find((r) => r.path.endsWith('/search'))
    expect((several?.body as { filter: string[] }).filter).toEqual(
      expect.arrayContaining(['region IN ["otago", "wellington"]']),
    )
  })
})
