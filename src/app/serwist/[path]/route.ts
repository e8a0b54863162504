import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { createSerwistRoute } from '@serwist/turbopack'

import { offlinePage } from '@/lib/pwa/offlinePage'

/**
 * The service worker, bundled from src/lib/pwa/sw.ts with esbuild when the site is built, and
 * served at /serwist/sw.js. Nothing of Next's build is precached (a phone would download the
 * admin's code on first visit): only the offline page and the icons; pages and assets are kept
 * as they are used.
 */
const hash = (content: string | Buffer) =>
  createHash('sha256').update(content).digest('hex').slice(0, 16)

const icon = (path: string) => ({
  url: path,
  revision: hash(readFileSync(join(process.cwd(), 'public', path))),
})

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute(
  {
    swSrc: 'src/lib/pwa/sw.ts',
    useNativeEsbuild: true,
    globPatterns: [],
    additionalPrecacheEntries: [
      { url: '/offline', revision: hash(offlinePage()) },
      icon('/icons/icon.svg'),
      icon('/icons/icon-192.png'),
    ],
  },
)
