import type { Endpoint } from 'payload'

import { documented } from '@/plugins/openapi'

/**
 * `GET /api/og`: the picture shared links to the admin show. Payload's own draws it with the
 * admin's icon from the import map, which its REST routes never load, so with our own icon it
 * answered 500 (the fuzz suite found it). Ours is the app icon; defining `/og` stops Payload
 * adding its own.
 */
export const ogImageEndpoint: Endpoint = documented(
  {
    summary: 'The picture shared links to the admin show',
    caller: 'public',
    response: {
      contentType: 'text/html',
      description: 'Redirects to the app icon, `/icons/icon-512.png`.',
    },
    status: 302,
  },
  {
    path: '/og',
    method: 'get',
    handler: () =>
      new Response(null, {
        status: 302,
        headers: { Location: '/icons/icon-512.png', 'Cache-Control': 'public, max-age=86400' },
      }),
  },
)
