import type { Endpoint } from 'payload'
import { z } from 'zod'

import { guarded, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { rotateSigningSecret, SECRET_OVERLAP_HOURS } from '@/lib/webhooks/secrets'
import { documented, envelope } from '@/plugins/openapi'

export const webhookEndpointEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'Rotate an endpoint’s signing secret',
      description: `Answers the new secret, once: it is never readable again. For ${SECRET_OVERLAP_HOURS} hours every event is signed with the old secret too (two signatures in \`webhook-signature\`), so a receiver can switch without missing one.`,
      caller: 'vendor',
      response: envelope(
        z.object({
          secret: z.string().describe('The new `whsec_…` secret for `new Webhook(secret)`.'),
          previousValidUntil: z.string().describe('When the old secret stops signing (ISO 8601).'),
        }),
      ),
    },
    {
      path: '/:id/rotate-secret',
      method: 'post',
      handler: guarded(async (req) => {
        const rotated = await rotateSigningSecret(req, routeId(req, 'Webhook endpoint'))
        // A secret: no cache on the way may keep it.
        return apiJson(
          req,
          { success: true, data: rotated },
          { headers: { 'Cache-Control': 'no-store' } },
        )
      }),
    },
  ),
]
