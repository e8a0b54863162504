/**
 * npm run generate:types / npm run generate:importmap
 * Payload's own generators for `src/payload-types.ts` and the admin's `importMap.js`, run on our
 * config through scripts/run.mjs instead of Payload's CLI: the CLI's TypeScript loader now and
 * then stalls on Node 20 while importing the config (see scripts/payload.mjs), and a stalled
 * run here is noticed within seconds and started again.
 */
import path from 'node:path'

import { generateImportMap } from 'payload'
import { generateTypes } from 'payload/node'

import configPromise from '@payload-config'

const what = process.argv[2]
const config = await configPromise
// The config names these relative to its own file; bundled, it runs from .data/build.
config.typescript.outputFile = path.resolve('src/payload-types.ts')
config.admin.importMap.baseDir = path.resolve('src')
if (what === 'types') await generateTypes(config, { log: true })
else if (what === 'importmap') await generateImportMap(config, { force: true, log: true })
else {
  console.error('Usage: node scripts/run.mjs scripts/generate.ts types|importmap')
  process.exit(2)
}
process.exit(0)
