import { logger } from './logger'
import { httpState } from './requests'
import { type ShutdownPhase, shutdownState as state } from './shutdownSteps'

/**
 * A graceful stop on SIGTERM or SIGINT, in phases, each bounded so that the whole takes under
 * 10 seconds (Docker's default grace period), then exit 0:
 *
 * 1. `connections`: readiness answers 503 and the servers accept no new connection; what
 *    registered here ends its long-lived answers (the live-update streams, with a retry hint so
 *    browsers reconnect to another instance); requests in flight are waited for.
 * 2. `work`: the job queue's crons stop, and a job already running is waited for.
 * 3. `resources`: connections to services close, the database pool last.
 * 4. `database`: an embedded PostgreSQL this process started stops, once nothing uses it.
 *
 * Until now the embedded server was stopped at the signal itself and Next waited for every open
 * stream before exiting, so the process ran on for half a minute on a dead database.
 */
const PHASES: { phase: ShutdownPhase; budgetMs: number }[] = [
  { phase: 'connections', budgetMs: 4_000 },
  { phase: 'work', budgetMs: 3_000 },
  { phase: 'resources', budgetMs: 1_000 },
  { phase: 'database', budgetMs: 1_500 },
]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

/** Resolves when `done` does or the budget runs out, whichever is first; says which. */
const within = async (budgetMs: number, done: Promise<unknown>): Promise<boolean> =>
  Promise.race([done.then(() => true), sleep(budgetMs).then(() => false)])

/** The HTTP part of the first phase: no new connections, then the answers in flight. */
const drainHttp = async (budgetMs: number) => {
  const http = httpState()
  http.draining = true
  for (const server of http.servers) {
    server.close()
    server.closeIdleConnections()
  }
  const deadline = Date.now() + budgetMs
  while (http.inFlight.size && Date.now() < deadline) await sleep(50)
  if (http.inFlight.size) {
    logger().warn({ msg: 'Shutdown: requests still open, closing them', open: http.inFlight.size })
  }
  for (const server of http.servers) server.closeAllConnections()
}

const runPhase = async (phase: ShutdownPhase, budgetMs: number) => {
  const steps = state().steps.get(phase) ?? []
  const work = Promise.all(
    steps.map(async (step) => {
      try {
        await step.run()
      } catch (error) {
        logger().warn({ err: error, msg: `Shutdown: ${step.name} failed` })
      }
    }),
  )
  const finished = await within(
    budgetMs,
    phase === 'connections'
      ? Promise.all([work, sleep(0).then(() => drainHttp(budgetMs - 250))])
      : work,
  )
  if (!finished) logger().warn({ msg: `Shutdown: ${phase} did not finish in ${budgetMs} ms` })
}

const shutDown = async (signal: NodeJS.Signals) => {
  const current = state()
  if (current.started) return
  current.started = true
  const started = Date.now()
  logger().info({ msg: `${signal} received: shutting down` })
  for (const { phase, budgetMs } of PHASES) await runPhase(phase, budgetMs)
  logger().info({ msg: 'Shut down', durationMs: Date.now() - started })
  process.exit(0)
}

/**
 * Takes SIGTERM and SIGINT over from Next (whose own handler waits for every open connection,
 * streams included, with no limit) for the phases above. Called once per server process, from
 * `instrumentation.ts`, after Next has added its listeners and before Payload starts.
 */
export const installGracefulShutdown = (): boolean => {
  const current = state()
  if (current.installed) return false
  current.installed = true
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal)
    process.on(signal, () => void shutDown(signal))
  }
  return true
}
