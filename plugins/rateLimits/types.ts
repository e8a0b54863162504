export type RateLimitsPluginConfig = {
  /** Proxies in front of the app that append to `X-Forwarded-For` (`TRUSTED_PROXIES`). */
  trustedProxies: number
  /** Client addresses the address-keyed limits never count (`RATE_LIMIT_EXEMPT`). */
  exempt: string[]
}
