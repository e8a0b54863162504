/**
 * npm run search:reindex
 * Rebuilds the vendor search index from the database beside the live one, then swaps it in:
 * searches keep working throughout. Uses the engine the environment selects.
 */
import { SingleBar } from 'cli-progress'
import { getPayload } from 'payload'

import { rebuildSearchIndex } from '../plugins/search'

process.env.SEED_DEMO_DATA = 'false'
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })

const bar = new SingleBar({
  format: 'Indexing vendors [{bar}] {percentage}% | {value}/{total} | {duration}s',
  hideCursor: true,
})
let started = false
try {
  const result = await rebuildSearchIndex(payload, {
    onProgress: ({ indexed, total }) => {
      if (!started) {
        bar.start(total, indexed)
        started = true
      } else bar.update(indexed)
    },
  })
  bar.stop()
  payload.logger.info(
    `Indexed ${result.documents} vendors (${result.catchUp} changed meanwhile, synced again) in ${(result.ms / 1000).toFixed(1)} s`,
  )
  process.exit(0)
} catch (error) {
  bar.stop()
  payload.logger.error({
    err: error,
    msg: 'Rebuilding the search index failed; the old index is still live',
  })
  process.exit(1)
}
