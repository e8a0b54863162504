/**
 * Sends generated requests through the real route handlers and judges each answer: no 5xx, no
 * stack trace, an answer within a time limit, and no row stored or changed by a request the
 * server refused. Problems are collected rather than thrown, so one run shows all of them.
 */

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, SanitizedConfig } from 'payload'

import { fixture } from './fixtures'
import type { BodySpec, MultipartSpec } from './fuzz'
import { decodeSegment, routeHandlers } from './rest'

export const ACTORS = ['anonymous', 'admin', 'moderator', 'vendor', 'organizer'] as const
export type Actor = (typeof ACTORS)[number]

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS'

export type FuzzRequest = {
  actor: Actor
  method: Method
  url: string
  /** The route's pattern, as a developer would look for it: `POST /api/jobs/:id/apply`. */
  route: string
  /** What was odd about this request, e.g. `id beyond int32`. */
  input: string
  body?: BodySpec
  graphql?: { mutation: boolean }
}

type Answer = { status: number; text: string; logged: string[]; signature?: string; ms: number }

export type Problem =
  | 'server error (5xx)'
  | 'stack trace in the answer'
  | 'rows stored or changed by a refused request'
  | 'no answer in time'
  | 'a file served from outside its folder'

export type Finding = {
  problem: Problem
  request: FuzzRequest
  status: number
  response: string
  logged: string[]
  /** The logged error's name and where it was thrown: one bug, whatever the input. */
  signature?: string
  detail?: string
}

const STACK_TRACE = /at .*\.(js|ts):\d+/
const ANSWER_TIMEOUT_MS = 15_000

const formData = (spec: MultipartSpec): FormData => {
  const form = new FormData()
  const files = {
    photo: () => new Blob([fixture('photo.png')], { type: 'image/png' }),
    pdf: () => new Blob([fixture('document.pdf')], { type: 'application/pdf' }),
    empty: () => new Blob([], { type: 'image/png' }),
    'script named .png': () => new Blob(['<script>alert(1)</script>'], { type: 'image/png' }),
  }
  if (spec.file !== 'no file') {
    const name = spec.file === 'pdf' ? 'fuzz.pdf' : 'fuzz.png'
    form.append('file', files[spec.file](), name)
  }
  if (spec.payload !== undefined) form.append('_payload', spec.payload)
  for (const [name, value] of spec.fields ?? []) form.append(name, value)
  return form
}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> => {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    work,
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/** Next.js hands the catch-all route its segments decoded; a malformed one stays as sent. */
/**
 * Where to look: the first frame in the app's own code, else in a dependency (named from its
 * package on). The test's own frames (this runner awaiting the handler) say nothing.
 */
const throwSite = (stack: string): string => {
  const files = stack
    .split('\n')
    .map((line) => line.match(/(?:\(|at )((?:\/|file:\/\/)[^():]+):(\d+):\d+\)?$/))
    .filter((match): match is RegExpMatchArray => Boolean(match))
    .map(
      (match) => `${match[1]!.replace('file://', '').replace(`${process.cwd()}/`, '')}:${match[2]}`,
    )
    .filter((file) => !file.startsWith('tests/'))
  const dependency = files.find((file) => file.includes('node_modules/'))
  return (
    files.find((file) => !file.includes('node_modules/')) ??
    dependency?.slice(dependency.lastIndexOf('node_modules/') + 'node_modules/'.length) ??
    ''
  )
}

type Logged = { line: string; signature?: string }

type ErrorLike = {
  name?: string
  message: string
  stack?: string
  cause?: unknown
  originalError?: unknown
}

// Errors from Node itself come from another realm under jest's VM modules: not `instanceof Error`.
const isError = (value: unknown): value is ErrorLike =>
  Boolean(value) && typeof value === 'object' && typeof (value as ErrorLike).message === 'string'

/** The message that names the cause: a failed query's database error rather than its SQL. */
const causeOf = (err: ErrorLike): string => {
  const cause = isError(err.cause) ? err.cause.message : undefined
  if (err.message.startsWith('Failed query') && cause) return `Failed query: ${cause}`
  if (err.name === 'SyntaxError' && /JSON/.test(err.message))
    return 'JSON.parse of text that is not JSON'
  return err.message.split('\n')[0]!
}

/** One line per logged error: its cause and where it was thrown. */
const describeLog = (args: unknown[]): Logged => {
  const [first, second] = args
  const err = isError(first)
    ? first
    : first && typeof first === 'object' && 'err' in first && isError(first.err)
      ? first.err
      : undefined
  if (!err) {
    const msg = first && typeof first === 'object' && 'msg' in first ? first.msg : (second ?? first)
    const line = String(typeof msg === 'string' ? msg : JSON.stringify(msg)).slice(0, 300)
    return { line, signature: normalise(line) }
  }
  // GraphQL wraps what a resolver threw; the wrapped error names the cause and its place.
  const inner = isError(err.originalError) ? err.originalError : err
  const site = throwSite(inner.stack ?? err.stack ?? '')
  const name = inner === err ? (err.name ?? 'Error') : `${err.name} ← ${inner.name ?? 'Error'}`
  return {
    line: `${name}: ${causeOf(inner).slice(0, 300)}${site ? ` (at ${site})` : ''}`,
    signature: `${name}: ${normalise(causeOf(inner)).slice(0, 120)}${site ? ` (at ${site})` : ''}`,
  }
}

/**
 * A log of every row inserted, changed or deleted, written by triggers inside the writing
 * transaction: a write that is rolled back leaves no entry, and reading the log's last id costs
 * one index lookup, so every request can be checked. Updates that change only the bookkeeping
 * of a refused login (attempts, lock) or only `updated_at` are not changes a caller made.
 */
const recordChanges = async (pool: PostgresAdapter['pool']) => {
  await pool.query(`
    create schema if not exists fuzz;
    create table if not exists fuzz.changes (
      id bigserial primary key, table_name text not null, operation text not null);
    create or replace function fuzz.record_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and (to_jsonb(new) - 'updated_at' - 'login_attempts' - 'lock_until')
          = (to_jsonb(old) - 'updated_at' - 'login_attempts' - 'lock_until') then
        return null;
      end if;
      insert into fuzz.changes (table_name, operation) values (tg_table_name, tg_op);
      return null;
    end $$;`)
  const { rows } = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  )
  for (const { table_name } of rows) {
    await pool.query(
      `create or replace trigger fuzz_record_change after insert or update or delete on "${table_name}"
         for each row execute function fuzz.record_change()`,
    )
  }
}

export type Tokens = () => Partial<Record<Actor, string>>

export const fuzzRunner = async ({
  payload,
  config,
  tokens,
  deliberate,
  afterAnswer,
}: {
  payload: Payload
  config: SanitizedConfig
  tokens: Tokens
  /** Names a 5xx answer the server gives on purpose (a feature switched off), else undefined. */
  deliberate?: (status: number, text: string) => string | undefined
  afterAnswer?: (request: FuzzRequest, status: number) => Promise<void>
}) => {
  const { graphql, ...handlers } = routeHandlers(config)

  // Errors the server logs while answering: swallowed (thousands would bury the report) and
  // attached to the finding of the request that caused them.
  const logged: Logged[] = []
  let capturing = false
  const logger = payload.logger as unknown as Record<string, (...args: unknown[]) => void>
  for (const level of ['error', 'fatal']) {
    const original = logger[level]!.bind(payload.logger)
    logger[level] = (...args: unknown[]) => {
      if (capturing) logged.push(describeLog(args))
      else original(...args)
    }
  }

  const stats = {
    sent: 0,
    /** Live event streams opened, then cancelled. */
    streams: 0,
    slowest: { ms: 0, route: '' },
    msByRoute: new Map<string, number>(),
    deliberate: new Map<string, number>(),
  }
  const pool = (payload.db as unknown as PostgresAdapter).pool
  await recordChanges(pool)
  /** The position in the change log: what was committed before this moment. */
  const snapshot = async () => {
    const { rows } = await pool.query<{ last: string }>(
      'select coalesce(max(id), 0)::text as last from fuzz.changes',
    )
    return rows[0]!.last
  }
  const changesSince = async (position: string) => {
    const { rows } = await pool.query<{ table_name: string; operation: string; count: string }>(
      `select table_name, operation, count(*)::text as count from fuzz.changes
        where id > $1 group by table_name, operation order by table_name, operation`,
      [position],
    )
    return rows.map((row) => `${row.table_name} ${row.operation} ×${row.count}`)
  }

  const answered = (status: number, text: string, started: number): Answer => ({
    status,
    text,
    logged: logged.map((entry) => entry.line),
    signature: logged.find((entry) => entry.signature)?.signature,
    ms: performance.now() - started,
  })

  const send = async (request: FuzzRequest): Promise<Answer> => {
    const token = tokens()[request.actor]
    const headers = new Headers(request.body?.headers)
    if (token) headers.set('Authorization', `JWT ${token}`)
    let body: BodyInit | undefined
    if (request.body?.multipart) body = formData(request.body.multipart)
    else if (request.body?.text !== undefined) {
      body = request.body.text
      headers.set('Content-Type', request.body.contentType ?? 'application/json')
    }
    const url = new URL(request.url, 'http://localhost:3000')
    const req = new Request(url, { method: request.method, headers, body })
    const slug = url.pathname
      .replace(/^\/api\/?/, '')
      .split('/')
      .filter(Boolean)
      .map(decodeSegment)
    logged.length = 0
    capturing = true
    const started = performance.now()
    try {
      const response = await withTimeout(
        request.graphql
          ? graphql(req)
          : handlers[request.method](req, { params: Promise.resolve({ slug }) }),
        ANSWER_TIMEOUT_MS,
      )
      if (response === 'timeout') return answered(0, '', started)
      // A live stream never ends: its status is the answer.
      if (response.headers.get('content-type')?.includes('text/event-stream')) {
        await response.body?.cancel()
        stats.streams += 1
        return answered(response.status, '', started)
      }
      const text = await withTimeout(response.text(), ANSWER_TIMEOUT_MS)
      return text === 'timeout'
        ? answered(0, '', started)
        : answered(response.status, text, started)
    } catch (error) {
      // What escapes the handler is a 500 from Next.js.
      logged.push(describeLog([error]))
      return answered(500, `(the route handler threw) ${String(error)}`, started)
    } finally {
      capturing = false
    }
  }

  const graphqlErrors = (text: string): { statusCode?: number; message?: string }[] => {
    try {
      const parsed = JSON.parse(text) as {
        errors?: { message?: string; extensions?: { statusCode?: number } }[]
      }
      return (parsed.errors ?? []).map((error) => ({
        statusCode: error.extensions?.statusCode,
        message: error.message,
      }))
    } catch {
      return []
    }
  }

  let lastSnapshot: string | undefined

  const run = async (requests: FuzzRequest[]): Promise<Finding[]> => {
    const findings: Finding[] = []
    for (const request of requests) {
      const before = lastSnapshot ?? (await snapshot())
      const answer = await send(request)
      stats.sent += 1
      if (answer.ms > stats.slowest.ms) stats.slowest = { ms: answer.ms, route: request.route }
      stats.msByRoute.set(request.route, (stats.msByRoute.get(request.route) ?? 0) + answer.ms)
      const onPurpose = answer.status >= 500 ? deliberate?.(answer.status, answer.text) : undefined
      if (onPurpose) stats.deliberate.set(onPurpose, (stats.deliberate.get(onPurpose) ?? 0) + 1)
      const found = (problem: Problem, detail?: string) =>
        findings.push({
          problem,
          request,
          status: answer.status,
          response: answer.text.slice(0, 600),
          logged: answer.logged,
          signature: answer.signature,
          detail,
        })
      const errors = request.graphql ? graphqlErrors(answer.text) : []
      if (answer.status === 0) found('no answer in time')
      else if (answer.status >= 500 && !onPurpose) found('server error (5xx)')
      else if (errors.some((error) => (error.statusCode ?? 0) >= 500))
        found('server error (5xx)', errors.map((error) => error.message).join('; '))
      if (STACK_TRACE.test(answer.text)) found('stack trace in the answer')
      if (
        answer.status === 200 &&
        request.route.includes('/file/:filename') &&
        /\.\.|%2F|%5C/i.test(request.url.split('/file/')[1] ?? '')
      )
        found('a file served from outside its folder')
      const refused = answer.status >= 400 || answer.status === 0 || errors.length > 0
      const after = await snapshot()
      if (refused && after !== before) {
        found(
          'rows stored or changed by a refused request',
          (await changesSince(before)).join('; '),
        )
      }
      lastSnapshot = after
      await afterAnswer?.(request, answer.status)
    }
    return findings
  }

  return {
    run,
    stats,
    /** Forgets the last snapshot: the caller changed the database between requests. */
    invalidate: () => {
      lastSnapshot = undefined
    },
  }
}

export type FuzzRunner = Awaited<ReturnType<typeof fuzzRunner>>

/** Messages differ by ids and quoted values; without them, one bug is one group. */
const normalise = (message: string) =>
  message
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\d+/g, 'N')
    // Generated type names (UsersCreateAccess, JobsReadDocAccess…): one bug across collections.
    .replace(/\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/g, '…')
    .slice(0, 200)

const messageOf = (finding: Finding): string => {
  if (finding.logged.length) return finding.logged[0]!
  try {
    const body = JSON.parse(finding.response) as {
      errors?: { message?: string }[]
      error?: { message?: string }
      message?: string
    }
    return body.errors?.[0]?.message ?? body.error?.message ?? body.message ?? finding.response
  } catch {
    return finding.response
  }
}

const describeRequest = (finding: Finding) => {
  const { request } = finding
  const body = request.body?.multipart
    ? `multipart file=${request.body.multipart.file} _payload=${request.body.multipart.payload?.slice(0, 300) ?? '(none)'}${request.body.multipart.fields ? ` fields=${JSON.stringify(request.body.multipart.fields)}` : ''}`
    : request.body?.text !== undefined
      ? `${request.body.contentType ?? 'application/json'} ${JSON.stringify(request.body.text.slice(0, 300))}`
      : ''
  return [
    `      as ${request.actor}: ${request.method} ${request.url.slice(0, 400)}`,
    body && `        body: ${body}`,
    request.body?.headers && `        headers: ${JSON.stringify(request.body.headers)}`,
    `        → ${finding.status} ${finding.response.replace(/\s+/g, ' ').slice(0, 300)}`,
    finding.detail && `        ${finding.detail}`,
    ...finding.logged.slice(0, 2).map((line) => `        logged: ${line}`),
  ]
    .filter(Boolean)
    .join('\n')
}

/**
 * The findings grouped by problem, then by route and error message, each group with the kinds
 * of input that led there and two requests to replay.
 */
export const report = (findings: Finding[], { seed, sent }: { seed: number; sent: number }) => {
  const groups = new Map<string, Finding[]>()
  for (const finding of findings) {
    const cause = finding.problem.startsWith('rows')
      ? `${finding.request.route}: ${normalise(finding.detail ?? '')}`
      : (finding.signature ?? `${finding.status || 'no answer'} ${normalise(messageOf(finding))}`)
    const key = `${finding.problem}\u0000${cause}`
    groups.set(key, [...(groups.get(key) ?? []), finding])
  }
  const byProblem = new Map<string, string[]>()
  const ordered = [...groups].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
  for (const [key, group] of ordered) {
    const [problem, cause] = key.split('\u0000') as [string, string]
    const count = (values: string[]) => {
      const counts = new Map<string, number>()
      for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
      return [...counts].sort(([, a], [, b]) => b - a)
    }
    const routes = count(
      group.map((finding) => `${finding.request.route} → ${finding.status || 'no answer'}`),
    )
    const kinds = count(group.map((finding) => finding.request.input)).map(([kind]) => kind)
    const actors = count(group.map((finding) => finding.request.actor)).map(([actor]) => actor)
    const examples = [...new Map(group.map((finding) => [finding.request.route, finding])).values()]
    const more = (total: number, shown: number) =>
      total > shown ? ` | … ${total - shown} more` : ''
    const lines = [
      `  ${cause}`,
      `    ${group.length}× as ${actors.join(', ')} on ${routes
        .slice(0, 8)
        .map(([route, n]) => `${route} (${n})`)
        .join(', ')}${more(routes.length, 8)}`,
      `    inputs: ${kinds.slice(0, 6).join(' | ')}${more(kinds.length, 6)}`,
      ...examples.slice(0, 2).map(describeRequest),
    ]
    byProblem.set(problem, [...(byProblem.get(problem) ?? []), lines.join('\n')])
  }
  return [
    `The fuzz suite found ${findings.length} problems of ${groups.size} kinds over ${sent} requests (seed ${seed}; FUZZ_SEED=${seed} replays exactly these requests).`,
    ...[...byProblem].flatMap(([problem, lines]) => [
      ``,
      `${problem} — ${lines.length} kinds:`,
      ...lines,
    ]),
  ].join('\n')
}
