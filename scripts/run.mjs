#!/usr/bin/env node
/**
 * node scripts/run.mjs <script.ts> [args…]
 *
 * Runs one of our TypeScript scripts (seed, search:reindex, bench:search). esbuild bundles it
 * with our own modules (tsconfig paths resolved, npm packages left as imports) into
 * .data/build, and the bundle runs in a child Node process.
 *
 * Why not `payload run`: on Node 20, importing @payloadcms/richtext-lexical in a fresh process
 * now and then never finishes (about half the time on our 2-core machines): the process sits
 * with nothing to do, or exits 0/13 having done nothing. So the child reports once its imports
 * are loaded — before any of the script's own work — and a child that stops using the CPU
 * before it reports (STALL_MS with no CPU time spent) is stopped and started again. A child
 * that is only slow, on a busy machine, is left to finish loading (up to IMPORT_LIMIT_MS).
 */
import { fork } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import nextEnv from '@next/env'
import { build } from 'esbuild'

const STALL_MS = 10_000
const IMPORT_LIMIT_MS = 120_000
const CHECK_MS = 2_000
const ATTEMPTS = 6

const [entry, ...rawArgs] = process.argv.slice(2)
if (!entry) {
  console.error('Usage: node scripts/run.mjs <script.ts> [args…]')
  process.exit(2)
}
const args = rawArgs.filter((arg) => arg !== '--')

// The same .env files Next.js and the Payload CLI read; the child inherits them.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', {
  info: () => {},
  error: console.error,
})

const outfile = path.resolve('.data/build', `${path.basename(entry, path.extname(entry))}.mjs`)
// esbuild's service is waited on over unreferenced pipes; keep this process up meanwhile.
const keepAlive = setInterval(() => undefined, 60_000)
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      'const require = __createRequire(import.meta.url);',
      // Runs after every import of the bundle has loaded: tell the parent, then let go of IPC.
      "if (process.send) { process.send('imports-loaded'); process.disconnect(); }",
    ].join(' '),
  },
})
clearInterval(keepAlive)

/**
 * The CPU time a process has used, in clock ticks (Linux's /proc); null where there is no
 * /proc, and the wall-clock limit alone decides.
 */
const cpuTicks = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return null
  }
}

const attempt = () =>
  new Promise((resolve) => {
    const child = fork(outfile, args, {
      stdio: 'inherit',
      execArgv: ['--enable-source-maps', ...process.execArgv],
    })
    let loaded = false
    const started = Date.now()
    let lastTicks = null
    let lastBusy = started
    const stop = () => {
      clearInterval(watch)
      child.kill('SIGKILL')
    }
    const watch = setInterval(() => {
      const now = Date.now()
      const ticks = cpuTicks(child.pid)
      if (ticks === null || ticks !== lastTicks) lastBusy = now
      lastTicks = ticks
      const idle = ticks !== null && now - lastBusy >= STALL_MS
      if (idle || now - started >= (ticks === null ? STALL_MS * 2 : IMPORT_LIMIT_MS)) stop()
    }, CHECK_MS)
    child.on('message', (message) => {
      if (message === 'imports-loaded') {
        loaded = true
        clearInterval(watch)
      }
    })
    child.on('exit', (code, signal) => {
      clearInterval(watch)
      resolve({ loaded, code: code ?? (signal ? 1 : 0) })
    })
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => child.kill(signal))
  })

for (let i = 1; i <= ATTEMPTS; i++) {
  const { loaded, code } = await attempt()
  if (loaded) process.exit(code)
  console.error(`(loading ${entry} stalled before it started; trying again, ${i}/${ATTEMPTS})`)
}
console.error(`Could not load ${entry} after ${ATTEMPTS} attempts.`)
process.exit(1)
