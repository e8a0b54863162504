import { Meilisearch } from 'meilisearch'
import type pg from 'pg'

import {
  haversineKm,
  meilisearchEngine,
  postgresEngine,
  RATING_BUCKETS,
  type SearchEngine,
  upsertSql,
  VENDOR_INDEX_SETTINGS,
  vendorQuery as query,
  type VendorSearchDocument,
} from '../../plugins/search'
import { type MeiliPeer, startMeiliPeer } from '../helpers/meiliPeer'
import { createScratchDatabase, FIXTURE_DOCUMENTS, PLACES } from '../helpers/searchFixtures'

/**
 * One contract, two engines: PostgreSQL for real (searching its in-memory copy, the default,
 * and in plain SQL), Meilisearch through the official client against a peer that checks each
 * request against Meilisearch's documented API. Expected results are computed here from the
 * fixtures, so every engine is held to the same answer.
 */

let database: { pool: pg.Pool; drop: () => Promise<void> }
let peer: MeiliPeer
const engines: Record<string, SearchEngine> = {}

beforeAll(async () => {
  database = await createScratchDatabase('engines')
  peer = await startMeiliPeer()
  engines.postgres = postgresEngine({ pool: database.pool })
  engines['postgres-sql'] = postgresEngine({
    pool: database.pool,
    table: 'vendors_sql',
    executor: 'sql',
  })
  engines.meilisearch = meilisearchEngine({
    host: peer.url,
    apiKey: peer.apiKey,
    indexPrefix: 'contract',
  })
  for (const engine of Object.values(engines)) {
    await engine.ensureIndex()
    await engine.upsert(FIXTURE_DOCUMENTS)
    await engine.warm?.()
  }
})

afterAll(async () => {
  await peer?.close()
  await database?.drop()
})

const ids = (docs: VendorSearchDocument[]) => docs.map((d) => d.id)
const byRelevanceWithoutText = (a: VendorSearchDocument, b: VendorSearchDocument) =>
  b.tierBoost - a.tierBoost || b.ratingScore - a.ratingScore || a.id - b.id
const where = (predicate: (d: VendorSearchDocument) => boolean) =>
  FIXTURE_DOCUMENTS.filter(predicate)
    .sort(byRelevanceWithoutText)
    .map((d) => d.id)

/** Whether a vendor's searchable text holds a word (or a word starting so). */
const mentions = (d: VendorSearchDocument, word: string) =>
  [d.businessName, d.tagline, ...d.categories.map((c) => c.name), d.city, d.description]
    .join(' ')
    .toLowerCase()
    .includes(word)

const BY_SORT = {
  price: (a: VendorSearchDocument, b: VendorSearchDocument) =>
    a.priceRank - b.priceRank || b.ratingScore - a.ratingScore || a.id - b.id,
  rating: (a: VendorSearchDocument, b: VendorSearchDocument) =>
    b.ratingScore - a.ratingScore || b.ratingCount - a.ratingCount || a.id - b.id,
  distance: (a: VendorSearchDocument, b: VendorSearchDocument) =>
    haversineKm(PLACES.wellington, { lat: a.lat!, lng: a.lng! }) -
      haversineKm(PLACES.wellington, { lat: b.lat!, lng: b.lng! }) || a.id - b.id,
}

describe.each(['postgres', 'postgres-sql', 'meilisearch'])('%s engine', (name) => {
  const search = (overrides: Parameters<typeof query>[0]) => engines[name]!.search(query(overrides))
  const hitIds = async (overrides: Parameters<typeof query>[0]) =>
    ids((await search(overrides)).hits.map((h) => h.document))

  it('lists every vendor by tier boost, then Bayesian rating, when nothing is asked', async () => {
    const result = await search({})
    expect(ids(result.hits.map((h) => h.document))).toEqual(where(() => true))
    expect(result.total).toBe(FIXTURE_DOCUMENTS.length)
  })

  it('ranks the exact business name first', async () => {
    const [first] = await hitIds({ text: 'Harbour Light Catering' })
    expect(first).toBe(5)
    expect((await hitIds({ text: 'harbour light' })).sort()).toEqual([1, 5])
  })

  // One typo rule on every engine, Meilisearch's (plugins/search/shared/typos.ts); the vendor
  // index allows one typo from 4 letters and two from 8.
  it('forgives an ordinary typo: "photogrpher" and "weding" find what they misspell', async () => {
    const found = await hitIds({ text: 'photogrpher' })
    expect(found.sort()).toEqual(where((d) => mentions(d, 'photographer')).sort())
    expect(found.length).toBeGreaterThan(0)
    const weding = await hitIds({ text: 'weding' })
    expect(weding.sort()).toEqual(where((d) => mentions(d, 'wedding')).sort())
  })

  it('counts a swapped pair of letters as one typo: "faest", "photogarpher"', async () => {
    // Five letters allow one typo: plain Levenshtein would count two here.
    expect(await hitIds({ text: 'faest' })).toEqual(where((d) => mentions(d, 'feast')))
    expect((await hitIds({ text: 'photogarpher' })).sort()).toEqual(
      where((d) => mentions(d, 'photographer')).sort(),
    )
  })

  it('counts a different first letter as two typos: "fotographer" finds nothing', async () => {
    // Two edits, one of them the first letter: three typos, over the budget of two.
    expect(await hitIds({ text: 'fotographer' })).toEqual([])
    // One edit, on the first letter, of a five-letter word: two typos, over the budget of one.
    expect(await hitIds({ text: 'beast' })).toEqual([])
  })

  it('allows no typo in a word shorter than 4 letters, one from 4', async () => {
    expect(await hitIds({ text: 'co photo' })).toEqual(where((d) => /\bco\b/i.test(d.businessName)))
    expect(await hitIds({ text: 'cp photo' })).toEqual([])
    expect(await hitIds({ text: 'hutx valley' })).toEqual(where((d) => mentions(d, 'hutt valley')))
  })

  it('ignores macrons: "Whangarei" finds the vendor in Whangārei', async () => {
    expect(await hitIds({ text: 'Whangarei' })).toEqual([6])
  })

  it('finds vendors in a top-level category through its sub-categories', async () => {
    expect(await hitIds({ categories: ['photography-video'] })).toEqual(
      where((d) => d.categorySlugs.includes('photography-video')),
    )
  })

  it('keeps a radius and sorts by distance the way haversine does', async () => {
    const near = { ...PLACES.wellington, radiusKm: 30 }
    const result = await search({ near, sort: 'distance' })
    const docs = result.hits.map((h) => h.document)
    const distances = docs.map((d) => haversineKm(near, { lat: d.lat!, lng: d.lng! }))
    expect(distances.every((km) => km <= 30)).toBe(true)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    const inside = FIXTURE_DOCUMENTS.filter(
      (d) => haversineKm(near, { lat: d.lat!, lng: d.lng! }) <= 30,
    ).map((d) => d.id)
    expect(ids(docs).sort()).toEqual(inside.sort())
    expect(ids(docs)).not.toContain(4) // Masterton, 83 km away
  })

  it('filters by region, price, minimum rating and verified', async () => {
    expect(await hitIds({ region: 'northland' })).toEqual([6])
    expect(await hitIds({ priceRange: 'luxury' })).toEqual(where((d) => d.priceRange === 'luxury'))
    expect(await hitIds({ minRating: 4.5 })).toEqual(where((d) => d.ratingAverage >= 4.5))
    expect(await hitIds({ verifiedOnly: true })).toEqual(where((d) => d.verified))
  })

  it('excludes vendors who are unavailable on the dates asked', async () => {
    expect(
      await hitIds({ availability: { startDate: '2027-02-12', endDate: '2027-02-13' } }),
    ).not.toContain(3)
    expect(
      await hitIds({ availability: { startDate: '2027-02-14', endDate: '2027-02-20' } }),
    ).not.toContain(3)
    expect(
      await hitIds({ availability: { startDate: '2027-02-15', endDate: '2027-02-20' } }),
    ).toContain(3)
  })

  it('keeps a map bounding box', async () => {
    const bounds = { south: -41.4, west: 174.6, north: -41.0, east: 175.0 }
    expect(await hitIds({ bounds })).toEqual(
      where(
        (d) =>
          d.lat! >= bounds.south &&
          d.lat! <= bounds.north &&
          d.lng! >= bounds.west &&
          d.lng! <= bounds.east,
      ),
    )
  })

  it('keeps a map bounding box across the 180° meridian (west edge east of the east edge)', async () => {
    const bounds = { south: -48, west: 175, north: -34, east: -170 }
    const expected = where(
      (d) => d.lat! >= bounds.south && d.lat! <= bounds.north && (d.lng! >= 175 || d.lng! <= -170),
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(await hitIds({ bounds })).toEqual(expected)
  })

  it('sorts by price and by rating', async () => {
    const byPrice = [...FIXTURE_DOCUMENTS].sort(
      (a, b) => a.priceRank - b.priceRank || b.ratingScore - a.ratingScore || a.id - b.id,
    )
    expect(await hitIds({ sort: 'price' })).toEqual(ids(byPrice))
    const byRating = [...FIXTURE_DOCUMENTS].sort(
      (a, b) => b.ratingScore - a.ratingScore || b.ratingCount - a.ratingCount || a.id - b.id,
    )
    expect(await hitIds({ sort: 'rating' })).toEqual(ids(byRating))
  })

  it.each([
    ['photographer wedding', ['photograph', 'wedding']],
    ['harbour catering', ['harbour', 'cater']],
  ])(
    'requires every word of "%s": a vendor with only one is neither found nor counted',
    async (text, stems) => {
      const both = FIXTURE_DOCUMENTS.filter((d) => stems.every((stem) => mentions(d, stem)))
      const onlyOne = FIXTURE_DOCUMENTS.filter((d) => mentions(d, stems[0]!) && !both.includes(d))
      expect(both.length).toBeGreaterThan(0)
      expect(onlyOne.length).toBeGreaterThan(0)
      const result = await search({ text })
      expect(ids(result.hits.map((h) => h.document)).sort()).toEqual(ids(both).sort())
      expect(result.total).toBe(both.length)
      const regions: Record<string, number> = {}
      for (const d of both) regions[d.region] = (regions[d.region] ?? 0) + 1
      expect(result.facets!.regions).toEqual(regions)
      for (const slug of ['photographers', 'caterers']) {
        expect(result.facets!.categories[slug] ?? 0).toBe(
          both.filter((d) => d.categorySlugs.includes(slug)).length,
        )
      }
    },
  )

  it.each(['price', 'rating', 'distance'] as const)(
    'orders a text search strictly by %s when that sort is asked for',
    async (sort) => {
      const near = { ...PLACES.wellington, radiusKm: 100 }
      const expected = FIXTURE_DOCUMENTS.filter(
        (d) =>
          mentions(d, 'photographer') &&
          (sort !== 'distance' || haversineKm(near, { lat: d.lat!, lng: d.lng! }) <= 100),
      ).sort(BY_SORT[sort])
      const found = await hitIds({
        text: 'photographer',
        sort,
        near: sort === 'distance' ? near : null,
      })
      expect(found).toEqual(ids(expected))
      // The order differs from relevance, so the sort, not the words, decided it.
      expect(found).not.toEqual(await hitIds({ text: 'photographer', near: null }))
    },
  )

  it('pages through results with an exact total', async () => {
    const all = where(() => true)
    const page2 = await search({ page: 2, limit: 3 })
    expect(ids(page2.hits.map((h) => h.document))).toEqual(all.slice(3, 6))
    expect(page2.total).toBe(all.length)
  })

  it('counts facets over the matching vendors', async () => {
    const matching = FIXTURE_DOCUMENTS.filter((d) => d.region === 'wellington')
    const { facets } = await search({ region: 'wellington' })
    const count = (f: (d: VendorSearchDocument) => boolean) => matching.filter(f).length
    expect(facets!.categories.photographers).toBe(
      count((d) => d.categorySlugs.includes('photographers')),
    )
    expect(facets!.categories.caterers).toBe(count((d) => d.categorySlugs.includes('caterers')))
    expect(facets!.regions).toEqual({ wellington: matching.length })
    for (const price of ['budget', 'moderate', 'premium', 'luxury']) {
      expect(facets!.priceRanges[price] ?? 0).toBe(count((d) => d.priceRange === price))
    }
    for (const bucket of RATING_BUCKETS) {
      expect(facets!.ratings[String(bucket)]).toBe(count((d) => d.ratingAverage >= bucket))
    }
    expect(facets!.verified).toBe(count((d) => d.verified))
  })

  it('updates and deletes documents', async () => {
    const engine = engines[name]!
    const renamed = { ...FIXTURE_DOCUMENTS[7]!, businessName: 'Queen Street Kitchen' }
    await engine.upsert([renamed])
    expect(await hitIds({ text: 'Queen Street Kitchen' })).toEqual([8])
    await engine.delete([8])
    expect(await hitIds({ text: 'Queen Street' })).toEqual([])
    expect((await engine.health()).documents).toBe(FIXTURE_DOCUMENTS.length - 1)
    await engine.upsert([FIXTURE_DOCUMENTS[7]!])
  })

  it('rebuilds beside the live index and swaps it in', async () => {
    const engine = engines[name]!
    async function* batches() {
      yield FIXTURE_DOCUMENTS.slice(0, 4)
      yield FIXTURE_DOCUMENTS.slice(4)
    }
    await expect(engine.rebuild(batches())).resolves.toEqual({
      documents: FIXTURE_DOCUMENTS.length,
    })
    expect((await engine.health()).documents).toBe(FIXTURE_DOCUMENTS.length)
    expect((await search({})).total).toBe(FIXTURE_DOCUMENTS.length)
    await engine.warm?.()
    expect((await search({})).total).toBe(FIXTURE_DOCUMENTS.length)
  })
})

describe('PostgreSQL engine: in-memory copies in several app instances', () => {
  const TABLE = 'vendors_shared'
  let writer: ReturnType<typeof postgresEngine>
  let reader: ReturnType<typeof postgresEngine>
  const found = async (engine: SearchEngine, text: string) =>
    ids((await engine.search(query({ text }))).hits.map((h) => h.document))

  beforeAll(async () => {
    writer = postgresEngine({ pool: database.pool, table: TABLE })
    reader = postgresEngine({ pool: database.pool, table: TABLE })
    await writer.ensureIndex()
    await writer.upsert(FIXTURE_DOCUMENTS)
    await reader.warm()
  })

  it('sees another instance’s create, update and delete on its next search', async () => {
    const added = { ...FIXTURE_DOCUMENTS[0]!, id: 50, businessName: 'Kererū Sound Hire' }
    await writer.upsert([added])
    expect(await found(reader, 'Kereru Sound Hire')).toEqual([50])
    await writer.upsert([{ ...added, businessName: 'Tūī Sound Hire' }])
    expect(await found(reader, 'Kereru Sound')).toEqual([])
    expect(await found(reader, 'Tui Sound Hire')).toEqual([50])
    await writer.delete([50])
    expect(await found(reader, 'Tui Sound Hire')).toEqual([])
    expect((await reader.search(query({}))).total).toBe(FIXTURE_DOCUMENTS.length)
  })

  it('returns a hit as another instance last wrote it, not as it was first read', async () => {
    const vendor = FIXTURE_DOCUMENTS[0]!
    const hit = async () => (await reader.search(query({ text: vendor.businessName }))).hits[0]
    expect((await hit())?.document.tagline).toBe(vendor.tagline)
    await writer.upsert([{ ...vendor, tagline: 'Now booking for summer' }])
    expect((await hit())?.document.tagline).toBe('Now booking for summer')
    await writer.upsert([vendor])
    expect((await hit())?.document.tagline).toBe(vendor.tagline)
  })

  it('does not skip a write that commits after a search began reading', async () => {
    const client = await database.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(upsertSql(TABLE, { logChanges: true }), [
        JSON.stringify([{ ...FIXTURE_DOCUMENTS[1]!, id: 51, businessName: 'Late Night Marquees' }]),
        [],
      ])
      // A later transaction commits first, and the reader reads the log while the earlier is open…
      await writer.upsert([
        { ...FIXTURE_DOCUMENTS[1]!, id: 53, businessName: 'Early Bird Marquees' },
      ])
      expect(await found(reader, 'Early Bird Marquees')).toEqual([53])
      expect(await found(reader, 'Late Night Marquees')).toEqual([])
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    // …and finds the write on the next search, though it committed after that read.
    expect(await found(reader, 'Late Night Marquees')).toEqual([51])
    await writer.delete([51, 53])
  })

  it('answers from SQL while another instance’s rebuild is loading, then from its new copy', async () => {
    expect((await reader.health()).memory).toMatchObject({ ready: true })
    const onlyInRebuild = { ...FIXTURE_DOCUMENTS[2]!, id: 52, businessName: 'Rebuilt Rentals' }
    async function* batches() {
      yield [...FIXTURE_DOCUMENTS, onlyInRebuild]
    }
    await writer.rebuild(batches())
    // The rebuild wrote no change log: the reader's copy is of the old generation and unused.
    expect(await found(reader, 'Rebuilt Rentals')).toEqual([52])
    await reader.warm()
    expect((await reader.health()).memory).toEqual({
      ready: true,
      documents: FIXTURE_DOCUMENTS.length + 1,
      lexemes: expect.any(Number),
    })
    expect(await found(reader, 'Rebuilt Rentals')).toEqual([52])
  })

  it('answers a search that arrives before the copy is loaded', async () => {
    const starting = postgresEngine({ pool: database.pool, table: TABLE })
    expect((await starting.health()).memory?.ready).toBe(false)
    expect(await found(starting, 'Rebuilt Rentals')).toEqual([52])
    await starting.warm()
    expect((await starting.health()).memory?.ready).toBe(true)
  })
})

describe('Meilisearch requests', () => {
  it('configures the index: filterable _geo, sortable fields and the tier boost in the ranking rules', () => {
    const settings = peer.requests.find(
      (r) => r.method === 'PATCH' && r.path === '/indexes/contract_vendors/settings',
    )
    expect(settings?.body).toEqual(VENDOR_INDEX_SETTINGS)
    expect(VENDOR_INDEX_SETTINGS.filterableAttributes).toContain('_geo')
    expect(VENDOR_INDEX_SETTINGS.rankingRules).toContain('tierBoost:desc')
  })

  it('filters by _geoRadius before sorting by _geoPoint', async () => {
    peer.requests.length = 0
    await engines.meilisearch!.search(
      query({ near: { ...PLACES.wellington, radiusKm: 30 }, sort: 'distance' }),
    )
    const body = peer.requests.find((r) => r.path.endsWith('/search'))?.body as {
      filter: string[]
      sort: string[]
    }
    expect(body.filter).toContain(
      `_geoRadius(${PLACES.wellington.lat}, ${PLACES.wellington.lng}, 30000)`,
    )
    expect(body.sort).toEqual([`_geoPoint(${PLACES.wellington.lat}, ${PLACES.wellington.lng}):asc`])
  })

  it('sends a vendor with broken coordinates without _geo rather than failing the batch', async () => {
    const broken = { ...FIXTURE_DOCUMENTS[1]!, id: 99, lat: Number.NaN, lng: 200 }
    await engines.meilisearch!.upsert([broken])
    const stored = peer.indexes.get('contract_vendors')!.docs.get('99')!
    expect(stored._geo).toBeUndefined()
    expect(stored.lat).toBeNull()
    await engines.meilisearch!.delete([99])
  })

  it('treats a failed task as an error', async () => {
    const invalid = { ...FIXTURE_DOCUMENTS[0]!, id: 1.5 }
    await expect(engines.meilisearch!.upsert([invalid])).rejects.toThrow(
      /invalid_document_id|failed/,
    )
  })

  it('reports an unreachable engine as unhealthy instead of throwing', async () => {
    peer.failing = true
    try {
      const health = await engines.meilisearch!.health()
      expect(health.ok).toBe(false)
      await expect(engines.meilisearch!.upsert([FIXTURE_DOCUMENTS[0]!])).rejects.toThrow()
    } finally {
      peer.failing = false
    }
  })
})

describe('the Meilisearch peer, as strict as the service', () => {
  const client = () => new Meilisearch({ host: peer.url, apiKey: peer.apiKey })

  it('answers /health without a key, and nothing else', async () => {
    const anonymous = new Meilisearch({ host: peer.url })
    await expect(anonymous.health()).resolves.toEqual({ status: 'available' })
    await expect(anonymous.index('contract_vendors').getStats()).rejects.toThrow()
  })

  it('matches the first words by default (`last`) and counts them; `all` requires every word', async () => {
    const index = client().index('contract_vendors')
    const photographers = FIXTURE_DOCUMENTS.filter((d) => mentions(d, 'photograph'))
    const last = await index.search('photographer wedding', { facets: ['region'] })
    expect(last.estimatedTotalHits).toBe(photographers.length)
    const all = await index.search('photographer wedding', { matchingStrategy: 'all' })
    expect(all.estimatedTotalHits).toBe(photographers.filter((d) => mentions(d, 'wedding')).length)
  })

  it('runs tasks one at a time through one queue: enqueued, processing, then succeeded', async () => {
    const meili = client()
    peer.pauseTasks()
    const documents = await meili.index('peer_queue_a').addDocuments([{ id: 1 }])
    const settings = await meili.index('peer_queue_b').updateSettings({ rankingRules: ['sort'] })
    expect((await meili.tasks.getTask(settings.taskUid)).status).toBe('enqueued')
    peer.taskDurationMs = 300
    peer.resumeTasks()
    try {
      expect((await meili.tasks.getTask(documents.taskUid)).status).toBe('processing')
      // Behind another index's task: still waiting.
      expect((await meili.tasks.getTask(settings.taskUid)).status).toBe('enqueued')
      const done = await meili.tasks.waitForTask(settings.taskUid, { interval: 10 })
      expect(done.status).toBe('succeeded')
      expect(done.startedAt! >= done.enqueuedAt).toBe(true)
    } finally {
      peer.taskDurationMs = 5
    }
  })

  it('applies maxTotalHits and maxValuesPerFacet, and merges nested settings field by field', async () => {
    const index = client().index('peer_limits')
    await index
      .updateSettings({
        filterableAttributes: ['region'],
        pagination: { maxTotalHits: 3 },
        faceting: { maxValuesPerFacet: 2 },
        typoTolerance: { minWordSizeForTypos: { oneTypo: 3 } },
      })
      .waitTask()
    await index.updateSettings({ typoTolerance: { enabled: false } }).waitTask()
    await index.addDocuments(FIXTURE_DOCUMENTS, { primaryKey: 'id' }).waitTask()
    const stored = await index.getSettings()
    expect(stored.typoTolerance).toMatchObject({
      enabled: false,
      minWordSizeForTypos: { oneTypo: 3, twoTypos: 9 },
    })
    const result = await index.search(null, { facets: ['region'], page: 1, hitsPerPage: 10 })
    expect(result.hits).toHaveLength(3)
    expect(result.totalHits).toBe(3)
    // Every candidate counted, but only the first two values in alphabetical order.
    expect(result.facetDistribution!.region).toEqual({
      auckland: FIXTURE_DOCUMENTS.filter((d) => d.region === 'auckland').length,
      northland: 1,
    })
  })

  it('breaks ties by insertion order, a new document taking the id a deletion freed', async () => {
    const index = client().index('peer_ties')
    const order = async () => (await index.search(null)).hits.map((hit) => hit.id)
    await index.addDocuments([{ id: 3 }, { id: 1 }, { id: 2 }], { primaryKey: 'id' }).waitTask()
    expect(await order()).toEqual([3, 1, 2])
    await index.deleteDocuments([1]).waitTask()
    await index.addDocuments([{ id: 4 }]).waitTask()
    expect(await order()).toEqual([3, 4, 2])
  })
})
