/**
 * node scripts/run.mjs bench/searchEngine.ts [-- --repeat 30]
 *
 * The CPU one search costs on the in-memory copy alone — no HTTP, no SQL, no memo: loads the
 * copy from the search benchmark's database (`<db>_bench`; run `npm run bench:search` first)
 * and times the engine's evaluation of broad searches (nothing asked, a category, a region, a
 * price range, the three together, a radius, words), each repeated, one after another on one
 * thread. Figures go to bench/results/search-engine.json.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import pg from 'pg'

import { type AnalyzedText, type EngineQuery, memoryIndex, vendorQuery } from '../plugins/search'
import { benchDatabaseUrl } from './benchDatabase'

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { repeat: { type: 'string', default: '30' } },
})
const REPEAT = Number(values.repeat)

const pool = new pg.Pool({ connectionString: await benchDatabaseUrl('bench', { fresh: false }) })
const copy = memoryIndex({ pool, table: 'vendors' })
await copy.warm()
const { documents } = copy.stats()
if (!documents) throw new Error('No vendors in the benchmark database: run npm run bench:search')

const column = async (sql: string) => (await pool.query<{ v: string }>(sql)).rows.map((r) => r.v)
const categories = await column(
  'SELECT DISTINCT unnest(category_slugs) AS v FROM search.vendors ORDER BY v',
)
const regions = await column('SELECT DISTINCT region AS v FROM search.vendors ORDER BY v')
const prices = await column('SELECT DISTINCT price_range AS v FROM search.vendors ORDER BY v')

/** A word as PostgreSQL analyses it (the word and its English stem, the last a prefix). */
const word = (option: string, stem: string): AnalyzedText => ({
  tokens: [{ options: [option], lexemes: [option, stem], prefix: true, stopword: false }],
  folded: option,
})
const AUCKLAND = { lat: -36.8485, lng: 174.7633 }
const WELLINGTON = { lat: -41.2865, lng: 174.7762 }

const searches: { kind: string; query: EngineQuery; text: AnalyzedText | null }[] = [
  { kind: 'nothing asked', query: vendorQuery(), text: null },
  { kind: 'by rating', query: vendorQuery({ sort: 'rating' }), text: null },
  ...categories.map((slug) => ({
    kind: 'a category',
    query: vendorQuery({ categories: [slug] }),
    text: null,
  })),
  ...regions.map((region) => ({ kind: 'a region', query: vendorQuery({ region }), text: null })),
  ...prices.map((priceRange) => ({
    kind: 'a price range',
    query: vendorQuery({ priceRange }),
    text: null,
  })),
  ...categories.slice(0, 12).map((slug, i) => ({
    kind: 'category + region + price',
    query: vendorQuery({
      categories: [slug],
      region: regions[i % regions.length]!,
      priceRange: prices[i % prices.length]!,
    }),
    text: null,
  })),
  ...[10, 50, 100].flatMap((radiusKm) =>
    [AUCKLAND, WELLINGTON].map((town) => ({
      kind: 'a radius',
      query: vendorQuery({ near: { ...town, radiusKm } }),
      text: null,
    })),
  ),
  ...[
    word('photographer', 'photograph'),
    word('wedding', 'wed'),
    word('caterer', 'cater'),
    word('hire', 'hire'),
  ].map((text) => ({ kind: 'words', query: vendorQuery(), text })),
  {
    kind: 'words, by distance',
    query: vendorQuery({ near: { ...AUCKLAND, radiusKm: 30 }, sort: 'distance' }),
    text: word('photographer', 'photograph'),
  },
]

const samples: Record<string, number[]> = {}
// The first rounds warm the JIT and are not counted.
for (let round = 0; round < REPEAT + 3; round++) {
  for (const { kind, query, text } of searches) {
    const started = performance.now()
    copy.search(query, text)
    const ms = performance.now() - started
    if (round >= 3) (samples[kind] ??= []).push(ms)
  }
}

const r = (n: number) => Math.round(n * 1000) / 1000
const summary = Object.fromEntries(
  Object.entries(samples).map(([kind, list]) => {
    const sorted = [...list].sort((a, b) => a - b)
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
    return [
      kind,
      {
        mean: r(sorted.reduce((s, n) => s + n, 0) / sorted.length),
        p50: r(at(0.5)),
        p95: r(at(0.95)),
      },
    ]
  }),
)
process.stdout.write(
  `In-memory search · ${documents.toLocaleString('en-NZ')} vendors · ${REPEAT} rounds\n` +
    `                                mean ms   p50 ms   p95 ms\n`,
)
for (const [kind, s] of Object.entries(summary)) {
  process.stdout.write(
    `${kind.padEnd(30)} ${String(s.mean).padStart(8)} ${String(s.p50).padStart(8)} ${String(s.p95).padStart(8)}\n`,
  )
}
const file = path.resolve('bench/results/search-engine.json')
fs.writeFileSync(
  file,
  JSON.stringify(
    { at: new Date().toISOString(), vendors: documents, rounds: REPEAT, ms: summary },
    null,
    2,
  ) + '\n',
)
process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\n`)
await pool.end()
// The copy's change-log reader keeps the process alive; nothing is left to do.
process.exit(0)
