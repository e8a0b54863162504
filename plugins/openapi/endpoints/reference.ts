import { createHash, randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'

import type { Endpoint } from 'payload'

import { documented } from '../contract'
import type { SanitizedOpenApiPluginConfig } from '../types'

type Script = { plain: Buffer; version: string }
let script: Promise<Script> | undefined

/**
 * The reference's script, read once; its hash names the version in its URL. It goes out as it
 * is: the server compresses responses itself (compressing it here too sent it gzipped twice).
 */
const loadScript = (file: string): Promise<Script> =>
  (script ??= readFile(file).then(
    (plain) => ({ plain, version: createHash('sha256').update(plain).digest('hex').slice(0, 16) }),
    (error: unknown) => {
      // A failed read is tried again on the next request, not remembered.
      script = undefined
      throw error
    },
  ))

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The interactive reference (Scalar's API reference, served from our own origin so it works
 * with no network): it reads the document, and its "try it" calls the API from the browser
 * with the visitor's session cookie or an API key they paste.
 */
export const referenceEndpoints = (
  options: SanitizedOpenApiPluginConfig,
  apiRoute: string,
): Endpoint[] => [
  documented(
    {
      summary: 'The interactive API reference',
      caller: 'public',
      tag: 'Reference',
      response: { contentType: 'text/html', description: 'The reference page.' },
    },
    {
      path: options.docsPath,
      method: 'get',
      handler: async () => {
        const { version } = await loadScript(options.referenceScript)
        const nonce = randomBytes(16).toString('base64')
        const configuration = {
          url: `${apiRoute}${options.documentPath}`,
          // Everything from our origin: no web fonts, no proxy, no hosted extras.
          withDefaultFonts: false,
          hideClientButton: true,
          showDeveloperTools: 'never',
          telemetry: false,
          agent: { disabled: true },
          mcp: { disabled: true },
          // A pasted key stays in this tab only: not in localStorage, where it outlives sign-out.
          persistAuth: false,
          authentication: { preferredSecurityScheme: 'cookie' },
        }
        const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="csp-nonce" content="${nonce}">
<title>${escapeHtml(options.title)} — API reference</title>
</head>
<body>
<div id="reference"></div>
<script nonce="${nonce}" src="${apiRoute}${options.docsPath}/reference.js?v=${version}"></script>
<script nonce="${nonce}">Scalar.createApiReference('#reference', ${JSON.stringify(configuration).replace(/</g, '\\u003c')})</script>
</body>
</html>`
        return new Response(html, {
          headers: {
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-store',
            'Content-Security-Policy': [
              "default-src 'none'",
              // Only this response's own two scripts and what they load: no other script runs.
              `script-src 'nonce-${nonce}' 'strict-dynamic'`,
              // The reference sets style attributes as it lays itself out.
              "style-src 'self' 'unsafe-inline'",
              "img-src 'self' data: blob:",
              "font-src 'self' data:",
              "connect-src 'self'",
              "worker-src 'self' blob:",
              "base-uri 'none'",
              "form-action 'none'",
              "frame-ancestors 'none'",
            ].join('; '),
          },
        })
      },
    },
  ),
  documented(
    {
      summary: "The reference page's script",
      caller: 'public',
      tag: 'Reference',
      response: {
        contentType: 'text/javascript',
        description: 'Scalar API reference, standalone.',
      },
    },
    {
      path: `${options.docsPath}/reference.js`,
      method: 'get',
      handler: async (req) => {
        const { plain, version } = await loadScript(options.referenceScript)
        const versioned = new URL(req.url ?? 'http://localhost/').searchParams.get('v') === version
        return new Response(new Uint8Array(plain), {
          headers: {
            'Content-Type': 'text/javascript; charset=utf-8',
            'Cache-Control': versioned
              ? 'public, max-age=31536000, immutable'
              : 'public, max-age=300',
            ETag: `"${version}"`,
          },
        })
      },
    },
  ),
]
