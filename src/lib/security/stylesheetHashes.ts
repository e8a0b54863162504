import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * CSP sources (`'sha256-…'`) for the style sheets `next build` wrote. Next puts a page's style
 * sheet into its <head> (`experimental.inlineCss` in next.config.mjs) so the first paint waits
 * for no request, and React drops the nonce from such a hoisted <style> — so the policy names
 * each built style sheet by its hash instead: the same CSS that `'self'` allows as a file, and
 * no other inline CSS. React joins a page's style sheets into one <style>, whose hash is of
 * them together: so each page imports one (globals.css); a library's CSS is loaded with the
 * library (as MapboxMap does), and tests/e2e/headers.e2e.spec.ts fails on any page where an
 * inline style is refused. Read once per process; empty outside a production build (where `next
 * dev` gets `'unsafe-inline'`) and where no build is found.
 */
let hashes: string[] | undefined

const cssFilesUnder = (dir: string): string[] => {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && entry.name.endsWith('.css')
        ? [path.join(entry.parentPath, entry.name)]
        : [],
    )
}

export const builtStylesheetHashes = (distDir = path.join(process.cwd(), '.next')): string[] => {
  hashes ??= cssFilesUnder(path.join(distDir, 'static')).map(
    (file) => `'sha256-${createHash('sha256').update(fs.readFileSync(file)).digest('base64')}'`,
  )
  return hashes
}

/** For tests: forget what was read. */
export const forgetStylesheetHashes = () => {
  hashes = undefined
}
