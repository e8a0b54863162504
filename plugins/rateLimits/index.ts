import type { Config } from 'payload'

import {
  afterAccountOperations,
  forgiveSuccessfulSignIn,
  limitAccountOperations,
} from './hooks/limitAccounts'
import type { RateLimitsPluginConfig, SanitizedRateLimitsPluginConfig } from './types'
import { prepareStore } from './utilities/store'

export { countSignInAttempt, forgiveSignInAttempt } from './hooks/limitAccounts'
export { limitsTable, RATE_LIMITS } from './limits'
export type { LimitName } from './limits'
export type { RateLimitsPluginConfig, SanitizedRateLimitsPluginConfig } from './types'
export { PEER_HEADER, recordPeerAddresses } from './utilities/clientAddress'
export { addressKey, consumeLimit, consumeLimitPoints, refuseIfSpent } from './utilities/limit'
export { RateLimitError } from './utilities/rateLimitError'
export { limitRequest } from './utilities/requestBudget'
export { limitersOf } from './utilities/store'

/**
 * Rate limits shared by every app instance on the database (see `limits.ts` for the table):
 * sign-in, sign-up and password resets through hooks on the auth collection, so REST,
 * GraphQL and the forms are limited alike; every `/api` request through `limitRequest`, which
 * the route handlers call; and per-person actions (messages, reviews) through `consumeLimit`.
 */
export const rateLimitsPlugin =
  (options: RateLimitsPluginConfig) =>
  (config: Config): Config => {
    const sanitized: SanitizedRateLimitsPluginConfig = {
      authCollection: options.authCollection,
      trustedProxies: options.trustedProxies ?? 0,
      exempt: options.exempt ?? [],
      uncountedPaths: options.uncountedPaths ?? [],
      searchPaths: options.searchPaths ?? [],
    }
    return {
      ...config,
      custom: { ...config.custom, rateLimits: sanitized },
      onInit: async (payload) => {
        await prepareStore(payload)
        await config.onInit?.(payload)
      },
      collections: (config.collections ?? []).map((collection) =>
        collection.slug !== sanitized.authCollection
          ? collection
          : {
              ...collection,
              hooks: {
                ...collection.hooks,
                beforeOperation: [
                  limitAccountOperations,
                  ...(collection.hooks?.beforeOperation ?? []),
                ],
                afterOperation: [
                  ...(collection.hooks?.afterOperation ?? []),
                  afterAccountOperations,
                ],
                afterLogin: [...(collection.hooks?.afterLogin ?? []), forgiveSuccessfulSignIn],
              },
            },
      ),
    }
  }
