/**
 * The steps a graceful shutdown runs (`shutdown.ts`), registered from wherever the work lives.
 * Kept free of imports: the embedded PostgreSQL module registers its stop here and is loaded by
 * scripts and test set-up that resolve no path aliases.
 */
export type ShutdownPhase = 'connections' | 'work' | 'resources' | 'database'

export type Step = { name: string; run: () => Promise<void> | void }

type ShutdownState = {
  installed: boolean
  started: boolean
  steps: Map<ShutdownPhase, Step[]>
}

const KEY = Symbol.for('event-pros.shutdown')

export const shutdownState = (): ShutdownState => {
  const store = globalThis as typeof globalThis & { [KEY]?: ShutdownState }
  store[KEY] ??= { installed: false, started: false, steps: new Map() }
  return store[KEY]
}

/** Whether this process stops gracefully (a server); scripts and tests keep plain signals. */
export const handlesShutdown = (): boolean => shutdownState().installed

/** Whether a shutdown has begun: readiness reports it and new streams are refused. */
export const shuttingDown = (): boolean => shutdownState().started

/** Adds work to one phase of the shutdown; steps of a phase run side by side. */
export const onShutdown = (phase: ShutdownPhase, name: string, run: Step['run']): void => {
  const steps = shutdownState().steps
  steps.set(phase, [...(steps.get(phase) ?? []), { name, run }])
}
