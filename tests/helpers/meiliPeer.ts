import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { foldText, matchTypos } from '../../plugins/search'

/**
 * A local HTTP peer that answers the Meilisearch API as v1.12 (the version `docker-compose.yml`
 * runs) documents it and its source implements it, for the routes the official client calls.
 * Every request is checked the way Meilisearch checks it — unknown search parameters, filters on
 * attributes that are not filterable, sorts on attributes that are not sortable, malformed
 * `_geo`, invalid ranking rules — and answered with Meilisearch's error codes. `failing` makes
 * it answer 503 to everything, like an engine that is down.
 *
 * Reproduced, because the drivers rely on it:
 * - Tasks: one queue for all indexes, run one at a time, `enqueued → processing → succeeded |
 *   failed`, each taking `taskDurationMs`; a write is seen by searches only once its task has
 *   run, so a backlog delays a settings update. `pauseTasks()` holds the queue (a rebuild or a
 *   backlog ahead), `resumeTasks()` lets it run.
 * - `matchingStrategy`: `last` (the default: documents matching the first words, the last
 *   dropped first), `all` (every word), `frequency` (the most frequent words dropped first);
 *   partial matches are counted in `totalHits` and the facets, as Meilisearch counts them.
 * - Ranking rules applied strictly in order, each only breaking the ties of those before it,
 *   `sort` where the settings put it (`words`: more query words matched first; `typo`: fewer
 *   typos; `attribute`: the best searchable attribute; `exactness`: whole-attribute match, then
 *   exact words; custom `field:asc|desc`), `words` always ahead of the other textual rules even
 *   when listed after them or left out, as Meilisearch ranks; a placeholder search (no `q`)
 *   applies only `sort` and the custom rules. Remaining ties go by internal document id, i.e.
 *   insertion order, a replaced document keeping its id and a new one taking the lowest id a
 *   deletion freed.
 * - `pagination.maxTotalHits` caps the hits reachable and `totalHits`; facets still count every
 *   candidate. `faceting.maxValuesPerFacet` caps the values per facet, chosen by
 *   `sortFacetValuesBy` (`alpha` by default, or `count`).
 * - Settings updates merge like Meilisearch's: a setting named replaces the stored one, `null`
 *   resets it to the default, and the nested `typoTolerance`, `faceting` and `pagination` merge
 *   field by field (`minWordSizeForTypos` too).
 * - `GET /health` answers without a key; every other route needs the master key.
 * - `_geoBoundingBox` whose left edge is east of its right edge crosses the 180° meridian.
 *
 * - Typo tolerance as milli computes it (`matchTypos` in the search plugin, the one rule the
 *   PostgreSQL engine applies too): by `minWordSizeForTypos` (no typo below `oneTypo` letters,
 *   one from it, two from `twoTypos`), Damerau–Levenshtein edits (a swapped adjacent pair is one
 *   typo), a different first letter counting one typo more (so never forgiven with a one-typo
 *   budget), the last query word matched as a prefix with its typos too; `enabled: false` off.
 *
 * Not reproduced: the `proximity` rule (every document ties on it); `disableOnWords`,
 * `disableOnAttributes` and `disableOnNumbers` (stored, not applied); word splitting and
 * concatenation, stop words, synonyms, `distinct`, highlighting and cropping; under `last` and
 * `frequency` the dropped words' prefix rule (only the query's last word matches as a prefix);
 * queries of more than 10 words; task cancellation, `GET /tasks` lists and batches; API keys
 * other than the master key.
 */

type Doc = Record<string, unknown> & { id: number | string }
type Settings = {
  searchableAttributes: string[]
  filterableAttributes: string[]
  sortableAttributes: string[]
  rankingRules: string[]
  typoTolerance: {
    enabled?: boolean
    minWordSizeForTypos?: { oneTypo: number; twoTypos: number }
    disableOnWords?: string[]
    disableOnAttributes?: string[]
  }
  faceting: { maxValuesPerFacet: number; sortFacetValuesBy: Record<string, 'alpha' | 'count'> }
  pagination: { maxTotalHits: number }
  [key: string]: unknown
}
type IndexState = {
  uid: string
  primaryKey: string | null
  docs: Map<string, Doc>
  /** Meilisearch's internal document ids, which break the ranking rules' last ties. */
  internalIds: Map<string, number>
  settings: Settings
}
type Task = {
  uid: number
  indexUid: string | null
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed'
  type: string
  error: { message: string; code: string; type: string; link: string } | null
  enqueuedAt: string
  startedAt: string | null
  finishedAt: string | null
  duration: string | null
  details: Record<string, unknown>
  batchUid: number | null
  canceledBy: null
}

const SETTINGS_KEYS = new Set([
  'displayedAttributes',
  'searchableAttributes',
  'filterableAttributes',
  'sortableAttributes',
  'rankingRules',
  'stopWords',
  'nonSeparatorTokens',
  'separatorTokens',
  'dictionary',
  'synonyms',
  'distinctAttribute',
  'proximityPrecision',
  'typoTolerance',
  'faceting',
  'pagination',
  'embedders',
  'searchCutoffMs',
  'localizedAttributes',
  'facetSearch',
  'prefixSearch',
])
const SEARCH_KEYS = new Set([
  'q',
  'offset',
  'limit',
  'page',
  'hitsPerPage',
  'attributesToRetrieve',
  'attributesToCrop',
  'cropLength',
  'cropMarker',
  'attributesToHighlight',
  'highlightPreTag',
  'highlightPostTag',
  'showMatchesPosition',
  'filter',
  'sort',
  'distinct',
  'facets',
  'matchingStrategy',
  'showRankingScore',
  'showRankingScoreDetails',
  'rankingScoreThreshold',
  'attributesToSearchOn',
  'hybrid',
  'vector',
  'retrieveVectors',
  'locales',
])
const BUILT_IN_RULES = new Set(['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'])

/**
 * Meilisearch always ranks as if `words` came before `typo`, `proximity`, `attribute` and
 * `exactness`, even when it is missing or listed after them; rules before those keep their place.
 */
const withWordsFirst = (rules: string[]): string[] => {
  const firstText = rules.findIndex((r) =>
    ['typo', 'proximity', 'attribute', 'exactness'].includes(r),
  )
  const wordsAt = rules.indexOf('words')
  if (firstText < 0 || (wordsAt >= 0 && wordsAt < firstText)) return rules
  const others = rules.filter((r) => r !== 'words')
  return [...others.slice(0, firstText), 'words', ...others.slice(firstText)]
}

const defaultSettings = (): Settings => ({
  searchableAttributes: ['*'],
  filterableAttributes: [],
  sortableAttributes: [],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
    disableOnAttributes: [],
  },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
  pagination: { maxTotalHits: 1000 },
})

/** The settings Meilisearch merges field by field rather than replacing whole. */
const NESTED_SETTINGS = new Set(['typoTolerance', 'faceting', 'pagination'])

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Meilisearch's settings update: each field is set, reset by `null`, or left as stored when
 * absent; nested settings (and `minWordSizeForTypos` inside `typoTolerance`) merge the same way.
 */
const mergeSettings = (
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
  defaults: Record<string, unknown>,
  nested: (key: string) => boolean,
): Record<string, unknown> => {
  const merged = { ...stored }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged[key] = structuredClone(defaults[key])
    else if (nested(key) && isObject(value))
      merged[key] = mergeSettings(
        isObject(stored[key]) ? stored[key] : {},
        value,
        isObject(defaults[key]) ? defaults[key] : {},
        (inner) => inner === 'minWordSizeForTypos',
      )
    else merged[key] = value
  }
  return merged
}

const validateNestedSettings = (settings: Record<string, unknown>) => {
  const count = (value: unknown) => value == null || (Number.isInteger(value) && Number(value) >= 0)
  const faceting = settings.faceting as { maxValuesPerFacet?: unknown } | null | undefined
  if (!count(faceting?.maxValuesPerFacet))
    throw new MeiliError(
      400,
      'invalid_settings_faceting',
      'Invalid value at `.faceting.maxValuesPerFacet`: expected a positive integer.',
    )
  const pagination = settings.pagination as { maxTotalHits?: unknown } | null | undefined
  if (!count(pagination?.maxTotalHits))
    throw new MeiliError(
      400,
      'invalid_settings_pagination',
      'Invalid value at `.pagination.maxTotalHits`: expected a positive integer.',
    )
}

class MeiliError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = 'invalid_request',
  ) {
    super(message)
  }
  body() {
    return {
      message: this.message,
      code: this.code,
      type: this.type,
      link: `https://docs.meilisearch.com/errors#${this.code}`,
    }
  }
}

const words = (value: unknown): string[] =>
  (Array.isArray(value) ? value.join(' ') : value == null ? '' : String(value)).length
    ? foldText(Array.isArray(value) ? value.join(' ') : String(value))
        .split(' ')
        .filter(Boolean)
    : []

const haversineMeters = (lat1: number, lng1: number, lat2: number, lng2: number) => {
  const rad = (d: number) => (d * Math.PI) / 180
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

const geoOf = (doc: Doc): { lat: number; lng: number } | null => {
  const geo = doc._geo as { lat?: unknown; lng?: unknown } | undefined
  if (!geo) return null
  return { lat: Number(geo.lat), lng: Number(geo.lng) }
}

// ---- filter expressions -------------------------------------------------------------------

type Predicate = (doc: Doc) => boolean

const tokenize = (source: string): string[] => {
  const tokens: string[] = []
  const re = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|>=|<=|!=|[()[\],=<>]|[^\s()[\],=<>!]+)/gy
  let match: RegExpExecArray | null
  let last = 0
  while ((match = re.exec(source))) {
    tokens.push(match[1]!)
    last = re.lastIndex
  }
  if (source.slice(last).trim())
    throw new MeiliError(
      400,
      'invalid_search_filter',
      `Invalid filter near \`${source.slice(last)}\``,
    )
  return tokens
}

const parseFilter = (source: string, filterable: Set<string>): Predicate => {
  const tokens = tokenize(source)
  let position = 0
  const peek = () => tokens[position]
  const next = () => {
    const token = tokens[position++]
    if (token === undefined)
      throw new MeiliError(400, 'invalid_search_filter', `Unexpected end of filter \`${source}\``)
    return token
  }
  const expect = (token: string) => {
    if (next() !== token)
      throw new MeiliError(
        400,
        'invalid_search_filter',
        `Expected \`${token}\` in filter \`${source}\``,
      )
  }
  const value = (): string => {
    const token = next()
    if (/^["']/.test(token))
      return JSON.parse(token[0] === '"' ? token : `"${token.slice(1, -1)}"`) as string
    return token
  }
  const number = (): number => {
    const n = Number(next())
    if (!Number.isFinite(n))
      throw new MeiliError(
        400,
        'invalid_search_filter',
        `Expected a number in filter \`${source}\``,
      )
    return n
  }
  const attribute = (name: string) => {
    if (!filterable.has(name)) {
      throw new MeiliError(
        400,
        'invalid_search_filter',
        `Attribute \`${name}\` is not filterable. Available filterable attributes are: \`${[...filterable].sort().join(', ')}\`.`,
      )
    }
    return name
  }
  const values = (doc: Doc, name: string): unknown[] => {
    const v = doc[name]
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]
  }
  const equal = (a: unknown, b: string) => String(a).toLowerCase() === b.toLowerCase()

  const primary = (): Predicate => {
    const token = peek()
    if (token === '(') {
      next()
      const inner = or()
      expect(')')
      return inner
    }
    if (token === 'NOT') {
      next()
      const inner = primary()
      return (doc) => !inner(doc)
    }
    if (token === '_geoRadius') {
      next()
      attribute('_geo')
      expect('(')
      const lat = number()
      expect(',')
      const lng = number()
      expect(',')
      const meters = number()
      expect(')')
      if (Math.abs(lat) > 90 || Math.abs(lng) > 180)
        throw new MeiliError(
          400,
          'invalid_search_filter',
          'Bad latitude or longitude in `_geoRadius`',
        )
      return (doc) => {
        const geo = geoOf(doc)
        return Boolean(geo && haversineMeters(lat, lng, geo.lat, geo.lng) <= meters)
      }
    }
    if (token === '_geoBoundingBox') {
      next()
      attribute('_geo')
      expect('(')
      expect('[')
      const topLat = number()
      expect(',')
      const rightLng = number()
      expect(']')
      expect(',')
      expect('[')
      const bottomLat = number()
      expect(',')
      const leftLng = number()
      expect(']')
      expect(')')
      if (topLat < bottomLat)
        throw new MeiliError(
          400,
          'invalid_search_filter',
          'The top latitude of `_geoBoundingBox` is below its bottom latitude',
        )
      return (doc) => {
        const geo = geoOf(doc)
        return Boolean(
          geo &&
          geo.lat <= topLat &&
          geo.lat >= bottomLat &&
          // A left edge east of the right one crosses the 180° meridian, as Meilisearch allows.
          (leftLng <= rightLng
            ? geo.lng >= leftLng && geo.lng <= rightLng
            : geo.lng >= leftLng || geo.lng <= rightLng),
        )
      }
    }
    const name = attribute(next())
    const op = next()
    if (op === 'IN') {
      expect('[')
      const list: string[] = []
      while (peek() !== ']') {
        list.push(value())
        if (peek() === ',') next()
      }
      expect(']')
      return (doc) => values(doc, name).some((v) => list.some((item) => equal(v, item)))
    }
    if (op === 'EXISTS') return (doc) => doc[name] !== undefined
    if (['=', '!=', '>', '>=', '<', '<='].includes(op)) {
      const target = value()
      const n = Number(target)
      return (doc) => {
        const list = values(doc, name)
        if (op === '=') return list.some((v) => equal(v, target))
        if (op === '!=') return !list.some((v) => equal(v, target))
        return list.some((v) => {
          const x = Number(v)
          return op === '>' ? x > n : op === '>=' ? x >= n : op === '<' ? x < n : x <= n
        })
      }
    }
    // `attribute from TO to`
    const from = Number(op)
    expect('TO')
    const to = number()
    if (!Number.isFinite(from))
      throw new MeiliError(
        400,
        'invalid_search_filter',
        `Unknown operator \`${op}\` in filter \`${source}\``,
      )
    return (doc) => values(doc, name).some((v) => Number(v) >= from && Number(v) <= to)
  }
  const and = (): Predicate => {
    const parts = [primary()]
    while (peek() === 'AND') {
      next()
      parts.push(primary())
    }
    return (doc) => parts.every((p) => p(doc))
  }
  const or = (): Predicate => {
    const parts = [and()]
    while (peek() === 'OR') {
      next()
      parts.push(and())
    }
    return (doc) => parts.some((p) => p(doc))
  }
  const predicate = or()
  if (position !== tokens.length)
    throw new MeiliError(
      400,
      'invalid_search_filter',
      `Unexpected \`${tokens[position]}\` in filter \`${source}\``,
    )
  return predicate
}

const compileFilter = (filter: unknown, filterable: Set<string>): Predicate => {
  if (filter === undefined || filter === null) return () => true
  if (typeof filter === 'string')
    return filter.trim() ? parseFilter(filter, filterable) : () => true
  if (Array.isArray(filter)) {
    // Outer array: AND; an inner array: OR.
    const parts = filter.map((item) =>
      Array.isArray(item)
        ? (doc: Doc) => item.some((inner) => compileFilter(inner, filterable)(doc))
        : compileFilter(item, filterable),
    )
    return (doc) => parts.every((p) => p(doc))
  }
  throw new MeiliError(
    400,
    'invalid_search_filter',
    'Invalid syntax for the filter parameter: expected a string or an array.',
  )
}

// ---- the server ---------------------------------------------------------------------------

export type MeiliPeer = {
  url: string
  apiKey: string
  /** Answer 503 to every request, as an engine that is down. */
  failing: boolean
  requests: { method: string; path: string; body: unknown }[]
  indexes: Map<string, IndexState>
  /** How long each task takes once it is processing. @default 5 */
  taskDurationMs: number
  /** Holds the task queue, as a long rebuild or a backlog ahead would: tasks stay `enqueued`. */
  pauseTasks: () => void
  resumeTasks: () => void
  close: () => Promise<void>
}

export const startMeiliPeer = async (apiKey = 'test-master-key'): Promise<MeiliPeer> => {
  const indexes = new Map<string, IndexState>()
  const tasks = new Map<number, Task>()
  let taskUid = 0
  const requests: MeiliPeer['requests'] = []

  const index = (uid: string): IndexState => {
    const state = indexes.get(uid)
    if (!state) throw new MeiliError(404, 'index_not_found', `Index \`${uid}\` not found.`)
    return state
  }

  /**
   * One queue for every index, as Meilisearch has: a task is `enqueued`, then `processing` for
   * `taskDurationMs`, and only then applied (`succeeded`) or refused (`failed`).
   */
  const queue: { task: Task; apply: () => Record<string, unknown> | void }[] = []
  let processing = false
  let paused = false
  let timer: NodeJS.Timeout | undefined
  const runNext = () => {
    if (processing || paused) return
    const next = queue.shift()
    if (!next) return
    processing = true
    const { task, apply } = next
    task.status = 'processing'
    task.startedAt = new Date().toISOString()
    task.batchUid = task.uid
    timer = setTimeout(() => {
      try {
        task.details = { ...task.details, ...(apply() ?? {}) }
        task.status = 'succeeded'
      } catch (e) {
        task.status = 'failed'
        task.error =
          e instanceof MeiliError
            ? e.body()
            : { message: String(e), code: 'internal', type: 'internal', link: '' }
      }
      task.finishedAt = new Date().toISOString()
      task.duration = `PT${(Date.parse(task.finishedAt) - Date.parse(task.startedAt!)) / 1000}S`
      processing = false
      runNext()
    }, peer.taskDurationMs)
  }

  const enqueue = (
    type: string,
    indexUid: string | null,
    apply: () => Record<string, unknown> | void,
    details: Record<string, unknown> = {},
  ) => {
    const uid = taskUid++
    const now = new Date().toISOString()
    const task: Task = {
      uid,
      indexUid,
      status: 'enqueued',
      type,
      error: null,
      enqueuedAt: now,
      startedAt: null,
      finishedAt: null,
      duration: null,
      details,
      batchUid: null,
      canceledBy: null,
    }
    tasks.set(uid, task)
    queue.push({ task, apply })
    runNext()
    return {
      status: 202,
      body: { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: now },
    }
  }

  const newIndex = (uid: string, primaryKey: string | null): IndexState => ({
    uid,
    primaryKey,
    docs: new Map(),
    internalIds: new Map(),
    settings: defaultSettings(),
  })

  /** Meilisearch gives a new document the lowest internal id no document holds. */
  const assignInternalId = (state: IndexState, key: string) => {
    if (state.internalIds.has(key)) return
    const taken = new Set(state.internalIds.values())
    let id = 0
    while (taken.has(id)) id += 1
    state.internalIds.set(key, id)
  }

  const validateDocuments = (state: IndexState, docs: unknown) => {
    if (!Array.isArray(docs))
      throw new MeiliError(400, 'malformed_payload', 'The documents payload must be an array.')
    const key = state.primaryKey ?? 'id'
    for (const doc of docs as Doc[]) {
      const id = doc?.[key]
      if (
        !(typeof id === 'number' && Number.isInteger(id)) &&
        !(typeof id === 'string' && /^[a-zA-Z0-9_-]{1,511}$/.test(id))
      ) {
        throw new MeiliError(
          400,
          'invalid_document_id',
          `Document identifier \`${JSON.stringify(id)}\` is invalid.`,
        )
      }
      if (doc._geo !== undefined) {
        const geo = doc._geo as { lat?: unknown; lng?: unknown } | null
        const lat = Number(geo?.lat)
        const lng = Number(geo?.lng)
        if (
          !geo ||
          !Number.isFinite(lat) ||
          !Number.isFinite(lng) ||
          Math.abs(lat) > 90 ||
          Math.abs(lng) > 180
        ) {
          throw new MeiliError(
            400,
            'invalid_document_geo_field',
            `Could not parse \`_geo\` of document \`${String(id)}\`.`,
          )
        }
      }
    }
  }

  const search = (state: IndexState, body: Record<string, unknown>) => {
    for (const key of Object.keys(body)) {
      if (!SEARCH_KEYS.has(key))
        throw new MeiliError(
          400,
          'bad_request',
          `Unknown field \`${key}\`: expected one of ${[...SEARCH_KEYS].join(', ')}`,
        )
    }
    const filterable = new Set(state.settings.filterableAttributes)
    const sortable = new Set(state.settings.sortableAttributes)
    const predicate = compileFilter(body.filter, filterable)
    const facets = (body.facets as string[] | undefined) ?? []
    for (const facet of facets) {
      if (!filterable.has(facet))
        throw new MeiliError(
          400,
          'invalid_search_facets',
          `Invalid facet distribution: attribute \`${facet}\` is not filterable.`,
        )
    }
    const sort = ((body.sort as string[] | undefined) ?? []).map((rule) => {
      const geo = /^_geoPoint\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\):(asc|desc)$/.exec(rule)
      if (geo) {
        if (!sortable.has('_geo'))
          throw new MeiliError(400, 'invalid_search_sort', 'The `_geo` field is not sortable.')
        const [lat, lng] = [Number(geo[1]), Number(geo[2])]
        return {
          value: (doc: Doc) => {
            const g = geoOf(doc)
            return g ? haversineMeters(lat, lng, g.lat, g.lng) : Infinity
          },
          desc: geo[3] === 'desc',
        }
      }
      const match = /^([\w.]+):(asc|desc)$/.exec(rule)
      if (!match)
        throw new MeiliError(
          400,
          'invalid_search_sort',
          `Invalid syntax for the sort parameter: \`${rule}\`.`,
        )
      if (!sortable.has(match[1]!))
        throw new MeiliError(
          400,
          'invalid_search_sort',
          `Attribute \`${match[1]}\` is not sortable.`,
        )
      return { value: (doc: Doc) => doc[match[1]!] as number, desc: match[2] === 'desc' }
    })
    const queryWords = words(body.q ?? '')
    const strategy = body.matchingStrategy ?? 'last'
    if (!['last', 'all', 'frequency'].includes(strategy as string))
      throw new MeiliError(
        400,
        'invalid_search_matching_strategy',
        `Unknown value \`${String(strategy)}\` at \`.matchingStrategy\`: expected one of \`last\`, \`all\`, \`frequency\`.`,
      )
    const searchable = state.settings.searchableAttributes
    const typo = state.settings.typoTolerance
    const { oneTypo, twoTypos } = typo.minWordSizeForTypos!
    const sizes =
      typo.enabled === false ? { oneTypo: Infinity, twoTypos: Infinity } : { oneTypo, twoTypos }

    /** How one query word matches a document: its fewest typos, best attribute, exactness. */
    type WordMatch = { typos: number; attribute: number; exact: boolean }
    const matchWord = (word: string, last: boolean, attributes: string[][]): WordMatch | null => {
      let best: WordMatch | null = null
      attributes.forEach((docWords, a) => {
        for (const dw of docWords) {
          // The last word is a prefix, and Meilisearch forgives typos in prefixes too.
          const cost = dw === word ? 0 : matchTypos(word, dw, { prefix: last, sizes })
          if (cost === null) continue
          if (!best || cost < best.typos || (cost === best.typos && a < best.attribute))
            best = { typos: cost, attribute: a, exact: dw === word }
        }
      })
      return best
    }

    type Candidate = { doc: Doc; attributes: string[][]; matches: (WordMatch | null)[] }
    const candidates: Candidate[] = []
    for (const doc of state.docs.values()) {
      if (!predicate(doc)) continue
      const attributes = (searchable[0] === '*' ? Object.keys(doc) : searchable).map((name) =>
        words(doc[name]),
      )
      const matches = queryWords.map((word, i) =>
        matchWord(word, i === queryWords.length - 1, attributes),
      )
      candidates.push({ doc, attributes, matches })
    }
    // The order in which words are kept as the strategy drops them: `last` keeps the first
    // words longest, `frequency` the rarest (in the filtered documents).
    const keptOrder = queryWords.map((_, i) => i)
    if (strategy === 'frequency') {
      const frequency = queryWords.map((_, i) => candidates.filter((c) => c.matches[i]).length)
      keptOrder.sort((a, b) => frequency[a]! - frequency[b]! || a - b)
    }

    type Scored = { doc: Doc; words: number; typos: number; attribute: number; exact: number }
    const scored: Scored[] = []
    for (const { doc, attributes, matches } of candidates) {
      if (!queryWords.length) {
        scored.push({ doc, words: 0, typos: 0, attribute: 0, exact: 0 })
        continue
      }
      // How many words this document matches among those the strategy keeps longest.
      let kept = 0
      while (kept < keptOrder.length && matches[keptOrder[kept]!]) kept += 1
      if (kept === 0 || (strategy === 'all' && kept < queryWords.length)) continue
      const found = keptOrder.slice(0, kept).map((i) => matches[i]!)
      const fullExact = attributes.some((docWords) => docWords.join(' ') === queryWords.join(' '))
      scored.push({
        doc,
        words: kept,
        typos: found.reduce((sum, m) => sum + m.typos, 0),
        attribute: Math.min(...found.map((m) => m.attribute)),
        exact: fullExact ? 0 : found.every((m) => m.exact) ? 1 : 2,
      })
    }
    const compareBy = (rule: string, a: Scored, b: Scored): number => {
      if (rule === 'words') return b.words - a.words
      if (rule === 'typo') return a.typos - b.typos
      if (rule === 'attribute') return a.attribute - b.attribute
      if (rule === 'exactness') return a.exact - b.exact
      if (rule === 'sort') {
        for (const s of sort) {
          const [x, y] = [s.value(a.doc), s.value(b.doc)]
          if (x !== y) return (x < y ? -1 : 1) * (s.desc ? -1 : 1)
        }
        return 0
      }
      const custom = /^([\w.]+):(asc|desc)$/.exec(rule)
      if (custom) {
        const [x, y] = [Number(a.doc[custom[1]!]), Number(b.doc[custom[1]!])]
        return x === y ? 0 : (x < y ? -1 : 1) * (custom[2] === 'desc' ? -1 : 1)
      }
      return 0
    }
    const rules = queryWords.length
      ? withWordsFirst(state.settings.rankingRules)
      : state.settings.rankingRules.filter((r) => r === 'sort' || !BUILT_IN_RULES.has(r))
    const internalId = (doc: Doc) => state.internalIds.get(String(doc[state.primaryKey ?? 'id']))!
    scored.sort((a, b) => {
      for (const rule of rules) {
        const c = compareBy(rule, a, b)
        if (c) return c
      }
      return internalId(a.doc) - internalId(b.doc)
    })
    const { maxValuesPerFacet, sortFacetValuesBy } = state.settings.faceting
    const facetDistribution: Record<string, Record<string, number>> = {}
    for (const facet of facets) {
      const counts: Record<string, number> = {}
      for (const { doc } of scored) {
        const raw = doc[facet]
        for (const v of new Set(
          Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw],
        )) {
          counts[String(v)] = (counts[String(v)] ?? 0) + 1
        }
      }
      const byCount = (sortFacetValuesBy[facet] ?? sortFacetValuesBy['*']) === 'count'
      const kept = Object.entries(counts)
        .sort(([a, x], [b, y]) => (byCount && y - x) || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, maxValuesPerFacet)
      facetDistribution[facet] = Object.fromEntries(kept)
    }
    // Hits beyond `maxTotalHits` cannot be reached, and the total says so; facets count them.
    const { maxTotalHits } = state.settings.pagination
    const reachable = scored.slice(0, maxTotalHits)
    const strip = (doc: Doc) => {
      const out: Record<string, unknown> = { ...doc }
      const geoSort = ((body.sort as string[] | undefined) ?? []).find((s) =>
        s.startsWith('_geoPoint'),
      )
      if (geoSort) {
        const [, lat, lng] = /_geoPoint\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)/.exec(geoSort)!
        const g = geoOf(doc)
        if (g)
          out._geoDistance = Math.round(haversineMeters(Number(lat), Number(lng), g.lat, g.lng))
      }
      return out
    }
    const base = {
      query: (body.q as string | null) ?? '',
      processingTimeMs: 1,
      ...(facets.length ? { facetDistribution, facetStats: {} } : {}),
    }
    if (body.page !== undefined || body.hitsPerPage !== undefined) {
      const page = Number(body.page ?? 1)
      const hitsPerPage = Number(body.hitsPerPage ?? 20)
      if (!Number.isInteger(page) || page < 0)
        throw new MeiliError(400, 'invalid_search_page', '`page` must be a positive integer.')
      if (!Number.isInteger(hitsPerPage) || hitsPerPage < 0)
        throw new MeiliError(
          400,
          'invalid_search_hits_per_page',
          '`hitsPerPage` must be a positive integer.',
        )
      return {
        ...base,
        hits: reachable
          .slice((page - 1) * hitsPerPage, page * hitsPerPage)
          .map((s) => strip(s.doc)),
        page,
        hitsPerPage,
        totalHits: reachable.length,
        totalPages: hitsPerPage ? Math.ceil(reachable.length / hitsPerPage) : 0,
      }
    }
    const offset = Number(body.offset ?? 0)
    const limit = Number(body.limit ?? 20)
    return {
      ...base,
      hits: reachable.slice(offset, offset + limit).map((s) => strip(s.doc)),
      offset,
      limit,
      estimatedTotalHits: reachable.length,
    }
  }

  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): { status: number; body: unknown } => {
    const parts = path.split('/').filter(Boolean)
    if (parts[0] === 'tasks' && parts.length === 2 && method === 'GET') {
      const task = tasks.get(Number(parts[1]))
      if (!task) throw new MeiliError(404, 'task_not_found', `Task \`${parts[1]}\` not found.`)
      return { status: 200, body: task }
    }
    if (path === '/swap-indexes' && method === 'POST') {
      if (!Array.isArray(body))
        throw new MeiliError(400, 'bad_request', 'Expected an array of swaps.')
      return enqueue('indexSwap', null, () => {
        for (const swap of body as { indexes?: unknown; rename?: unknown }[]) {
          if (!Array.isArray(swap.indexes) || swap.indexes.length !== 2)
            throw new MeiliError(
              400,
              'invalid_swap_indexes',
              '`indexes` must be a pair of index uids.',
            )
          const [a, b] = swap.indexes as [string, string]
          const stateA = index(a)
          const stateB = index(b)
          indexes.set(a, { ...stateB, uid: a })
          indexes.set(b, { ...stateA, uid: b })
        }
        return { swaps: body }
      })
    }
    if (parts[0] !== 'indexes')
      throw new MeiliError(404, 'not_found', `Route \`${path}\` not found.`)
    if (parts.length === 1 && method === 'POST') {
      const { uid, primaryKey, ...rest } = (body ?? {}) as { uid?: unknown; primaryKey?: unknown }
      if (Object.keys(rest).length)
        throw new MeiliError(400, 'bad_request', `Unknown field \`${Object.keys(rest)[0]}\`.`)
      if (typeof uid !== 'string' || !/^[a-zA-Z0-9_-]{1,400}$/.test(uid))
        throw new MeiliError(400, 'invalid_index_uid', '`uid` is not a valid index uid.')
      return enqueue('indexCreation', uid, () => {
        if (indexes.has(uid))
          throw new MeiliError(409, 'index_already_exists', `Index \`${uid}\` already exists.`)
        indexes.set(uid, newIndex(uid, (primaryKey as string | undefined) ?? null))
      })
    }
    const uid = parts[1]!
    if (parts.length === 2 && method === 'GET') {
      const state = index(uid)
      return {
        status: 200,
        body: {
          uid,
          primaryKey: state.primaryKey,
          createdAt: '2026-01-01T00:00:00Z',
          updatedAt: '2026-01-01T00:00:00Z',
        },
      }
    }
    if (parts.length === 2 && method === 'DELETE') {
      return enqueue('indexDeletion', uid, () => {
        index(uid)
        indexes.delete(uid)
      })
    }
    if (parts[2] === 'settings' && method === 'PATCH') {
      const settings = (body ?? {}) as Record<string, unknown>
      const unknown = Object.keys(settings).find((key) => !SETTINGS_KEYS.has(key))
      if (unknown) throw new MeiliError(400, 'bad_request', `Unknown field \`${unknown}\`.`)
      for (const rule of (settings.rankingRules as string[] | undefined) ?? []) {
        if (!BUILT_IN_RULES.has(rule) && !/^[\w.]+:(asc|desc)$/.test(rule))
          throw new MeiliError(
            400,
            'invalid_settings_ranking_rules',
            `\`${rule}\` ranking rule is invalid.`,
          )
      }
      validateNestedSettings(settings)
      return enqueue(
        'settingsUpdate',
        uid,
        () => {
          // Like a document addition, a settings update creates the index it names.
          if (!indexes.has(uid)) indexes.set(uid, newIndex(uid, null))
          const state = index(uid)
          state.settings = mergeSettings(state.settings, settings, defaultSettings(), (key) =>
            NESTED_SETTINGS.has(key),
          ) as Settings
        },
        settings,
      )
    }
    if (parts[2] === 'settings' && parts.length === 3 && method === 'GET')
      return { status: 200, body: index(uid).settings }
    if (parts[2] === 'stats' && method === 'GET') {
      const state = index(uid)
      return {
        status: 200,
        body: { numberOfDocuments: state.docs.size, isIndexing: false, fieldDistribution: {} },
      }
    }
    if (parts[2] === 'documents' && parts.length === 3 && method === 'POST') {
      return enqueue('documentAdditionOrUpdate', uid, () => {
        if (!indexes.has(uid)) indexes.set(uid, newIndex(uid, query.get('primaryKey')))
        const state = index(uid)
        state.primaryKey ??= query.get('primaryKey') ?? 'id'
        validateDocuments(state, body)
        for (const doc of body as Doc[]) {
          const key = String(doc[state.primaryKey])
          assignInternalId(state, key)
          state.docs.set(key, doc)
        }
        return {
          receivedDocuments: (body as Doc[]).length,
          indexedDocuments: (body as Doc[]).length,
        }
      })
    }
    if (parts[2] === 'documents' && parts.length === 3 && method === 'GET') {
      // GET /indexes/{uid}/documents?fields=a,b&offset=0&limit=20, as documented.
      const state = index(uid)
      const limit = Number(query.get('limit') ?? 20)
      const offset = Number(query.get('offset') ?? 0)
      if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0)
        throw new MeiliError(
          400,
          'invalid_document_limit',
          'Invalid value for `limit` or `offset`.',
        )
      const fields = query.get('fields')?.split(',').filter(Boolean)
      const all = [...state.docs.values()]
      const results = all
        .slice(offset, offset + limit)
        .map((doc) => (fields ? Object.fromEntries(fields.map((f) => [f, doc[f]])) : doc))
      return { status: 200, body: { results, offset, limit, total: all.length } }
    }
    if (parts[2] === 'documents' && parts[3] === 'delete-batch' && method === 'POST') {
      if (!Array.isArray(body))
        throw new MeiliError(400, 'bad_request', 'Expected an array of document ids.')
      return enqueue('documentDeletion', uid, () => {
        const state = index(uid)
        for (const id of body as unknown[]) {
          state.docs.delete(String(id))
          state.internalIds.delete(String(id))
        }
        return { providedIds: body.length }
      })
    }
    if (parts[2] === 'search' && method === 'POST')
      return { status: 200, body: search(index(uid), (body ?? {}) as Record<string, unknown>) }
    throw new MeiliError(404, 'not_found', `Route \`${method} ${path}\` not found.`)
  }

  const peer: MeiliPeer = {
    url: '',
    apiKey,
    failing: false,
    requests,
    indexes,
    taskDurationMs: 5,
    pauseTasks: () => {
      paused = true
    },
    resumeTasks: () => {
      paused = false
      runNext()
    },
    close: () =>
      new Promise((resolve) => {
        clearTimeout(timer)
        server.close(() => resolve())
      }),
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (peer.failing)
        return send(503, {
          message: 'Service unavailable',
          code: 'unavailable',
          type: 'system',
          link: '',
        })
      // The one public route: load balancers and readiness checks call it without a key.
      if (req.method === 'GET' && url.pathname === '/health')
        return send(200, { status: 'available' })
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return send(
          401,
          new MeiliError(
            401,
            'missing_authorization_header',
            'The Authorization header is missing or wrong.',
            'auth',
          ).body(),
        )
      }
      let body: unknown
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined
      } catch {
        return send(
          400,
          new MeiliError(400, 'malformed_payload', 'The JSON payload is malformed.').body(),
        )
      }
      requests.push({ method: req.method ?? 'GET', path: url.pathname, body })
      try {
        const result = route(req.method ?? 'GET', url.pathname, url.searchParams, body)
        send(result.status, result.body)
      } catch (error) {
        if (error instanceof MeiliError) return send(error.status, error.body())
        send(500, { message: String(error), code: 'internal', type: 'internal', link: '' })
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return peer
}
