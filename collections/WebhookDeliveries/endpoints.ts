import type { Endpoint } from 'payload'

import { guarded, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { resendDelivery } from '@/lib/webhooks/secrets'
import { documented, documentOf, envelope } from '@/plugins/openapi'

export const webhookDeliveryEndpoints: Endpoint[] = [
  documented(
    {
      summary: 'Send a delivery again',
      description:
        'Queues the same event (same `webhook-id`, same body, a fresh signature and timestamp) to be sent at once, with a new round of retries. For the endpoint’s owner and admins.',
      caller: 'vendor',
      status: 202,
      response: envelope(documentOf('webhook-deliveries')),
    },
    {
      path: '/:id/resend',
      method: 'post',
      handler: guarded(async (req) => {
        const delivery = await resendDelivery(req, routeId(req, 'Webhook delivery'))
        return apiJson(req, { success: true, data: delivery }, { status: 202 })
      }),
    },
  ),
]
