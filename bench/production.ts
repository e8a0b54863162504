/**
 * What the benchmarks that run a production build share: whether `.next` is current, starting
 * `next start` (and anything else) as children that are stopped on every way out, a free port,
 * and the machine a figure was measured on.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const NEXT_BIN = path.resolve('node_modules/next/dist/bin/next')
// What `next build` reads: a file among these newer than .next/BUILD_ID makes the build stale.
const BUILD_INPUTS = [
  'src',
  'collections',
  'plugins',
  'access',
  'migrations',
  'public',
  'payload.config.ts',
  'next.config.mjs',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
]

/**
 * The environment of a benchmark's `next start`: production, on the benchmark's own database
 * and folders, with the load from this machine exempt from the rate limits, and the embedded
 * default for every outside service whatever .env says — a benchmark never writes to a
 * developer's Meilisearch or mails anyone.
 */
export const benchServerEnv = ({
  origin,
  databaseUrl,
  files,
  seed,
}: {
  origin: string
  databaseUrl: string
  files: Record<string, string>
  seed: boolean
}): NodeJS.ProcessEnv => ({
  ...process.env,
  ...files,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URL: databaseUrl,
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'bench-secret-that-is-long-enough-0123456789',
  NEXT_PUBLIC_SERVER_URL: origin,
  SEED_DEMO_DATA: seed ? 'true' : 'false',
  RATE_LIMIT_EXEMPT: '127.0.0.1',
  TRUSTED_PROXIES: '0',
  MEILISEARCH_HOST: '',
  MEILISEARCH_API_KEY: '',
  PUSHER_APP_ID: '',
  PUSHER_KEY: '',
  PUSHER_SECRET: '',
  STRIPE_SECRET_KEY: '',
  STRIPE_WEBHOOK_SECRET: '',
  SMTP_HOST: '',
  SMTP_USER: '',
  SMTP_PASS: '',
  NEXT_PUBLIC_MAPBOX_TOKEN: '',
  MAPBOX_SERVER_TOKEN: '',
  GOOGLE_CLIENT_ID: '',
  GOOGLE_CLIENT_SECRET: '',
  FACEBOOK_CLIENT_ID: '',
  FACEBOOK_CLIENT_SECRET: '',
})

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const log = (message: string) => process.stdout.write(`${message}\n`)

// ---- everything started here is stopped on every way out ----------------------------------
export const children = new Set<ChildProcess>()
export const cleanups: (() => Promise<void> | void)[] = []
let cleaningUp: Promise<void> | undefined
/** Once, however many ways out ask for it (a signal, and the run it interrupted failing). */
export const cleanUp = () =>
  (cleaningUp ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch((error: unknown) => log(`(clean-up: ${String(error)})`))
    }
    for (const child of children) stopGroup(child, 'SIGKILL')
  })())
/** Children run in a process group of their own, so `next start`'s workers stop with it. */
export const stopGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}
export const stopChild = async (child: ChildProcess) => {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  stopGroup(child, 'SIGTERM')
  if (child.exitCode === null && child.signalCode === null) {
    await Promise.race([exited, sleep(10_000)])
    stopGroup(child, 'SIGKILL')
  }
  children.delete(child)
}
export const startChild = (args: string[], env: NodeJS.ProcessEnv, output: 'inherit' | string) => {
  const out = output === 'inherit' ? 'inherit' : fs.openSync(output, 'a')
  const child = spawn(process.execPath, args, {
    env,
    detached: true,
    stdio: ['ignore', out, out],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

export const exitOf = (child: ChildProcess) =>
  new Promise<number>((resolve) =>
    child.exitCode !== null
      ? resolve(child.exitCode)
      : child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  )

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })

// ---- the production build ------------------------------------------------------------------
/**
 * Why the build in .next cannot be used, or null when it is newer than everything it read
 * (`ignored`: files a benchmark writes itself, such as a floor page in public/).
 */
export const staleBuild = (ignored: string[] = []): string | null => {
  const buildId = path.resolve('.next/BUILD_ID')
  if (!fs.existsSync(buildId)) return 'there is no production build in .next'
  const builtAt = fs.statSync(buildId).mtimeMs
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...BUILD_INPUTS],
    { encoding: 'utf8' },
  )
    .split('\0')
    .filter((file) => file && !ignored.includes(file))
  for (const file of files) {
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (!stat) return `${file} was removed after the build`
    if (stat.mtimeMs > builtAt) return `${file} changed after the build`
  }
  return null
}

export const machine = () => ({
  cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
})
