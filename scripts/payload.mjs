#!/usr/bin/env node
/**
 * node scripts/payload.mjs <payload CLI arguments>: Payload's CLI, kept alive while it loads.
 *
 * Payload's bin compiles TypeScript through tsx's loader thread from a promise nothing
 * waits on. When an import takes a while (a cold tsx cache on a fresh clone, or the
 * @payloadcms/richtext-lexical import that now and then stalls on Node 20), Node finds its
 * event loop empty and exits 0 having done nothing — `generate:types` printed "Compiling…"
 * and stopped. A timer keeps the process alive; the CLI ends it with process.exit.
 */
const keepAlive = setInterval(() => undefined, 60_000)
process.on('exit', () => clearInterval(keepAlive))
await import(new URL('../node_modules/payload/bin.js', import.meta.url).href)
