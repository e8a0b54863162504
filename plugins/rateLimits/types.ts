export type RateLimitsPluginConfig = {
  /** The auth collection whose sign-ins, sign-ups and password resets are limited. */
  authCollection: string
  /**
   * Proxies in front of the app that append to `X-Forwarded-For` (`TRUSTED_PROXIES`).
   * @default 0
   */
  trustedProxies?: number
  /**
   * Client addresses the address-keyed limits never count (`RATE_LIMIT_EXEMPT`).
   * @default []
   */
  exempt?: string[]
  /**
   * Request paths no budget counts (a webhook whose sender retries on its own schedule).
   * @default []
   */
  uncountedPaths?: RegExp[]
  /**
   * Request paths that also count against the search budgets (`searchAnonymous`,
   * `searchSignedIn`).
   * @default []
   */
  searchPaths?: RegExp[]
}

export type SanitizedRateLimitsPluginConfig = Required<RateLimitsPluginConfig>
