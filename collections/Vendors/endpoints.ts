import type { Endpoint } from 'payload'

import { guarded, routeId } from '@/lib/kit/endpoint'
import { apiJson } from '@/lib/kit/response'
import { moderateVendorEndpoint } from '@/lib/trust/endpoints'
import { recordProfileView } from '@/lib/vendorStats/profileViews'

/**
 * `POST /api/vendors/:id/views`: the vendor's public page says it was seen (a beacon, no body).
 * 202 whether or not the view counted, with `counted` and, when not, the reason.
 */
const profileViewEndpoint: Endpoint = {
  path: '/:id/views',
  method: 'post',
  handler: guarded(async (req) =>
    apiJson(req, await recordProfileView(req, routeId(req, 'Vendor')), { status: 202 }),
  ),
}

export const vendorEndpoints: Endpoint[] = [moderateVendorEndpoint, profileViewEndpoint]
