import type { Payload } from 'payload'

import type { SanitizedRateLimitsPluginConfig } from '../types'

export const rateLimitsConfig = (payload: Payload): SanitizedRateLimitsPluginConfig => {
  const config = (
    payload.config.custom as { rateLimits?: SanitizedRateLimitsPluginConfig } | undefined
  )?.rateLimits
  if (!config) throw new Error('rateLimitsPlugin is not installed in the Payload config')
  return config
}
