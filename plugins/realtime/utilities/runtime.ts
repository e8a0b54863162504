import type { Payload } from 'payload'

import type { RealtimeDriver, SanitizedRealtimePluginConfig } from '../types'

const drivers = new WeakMap<Payload, RealtimeDriver>()

export const realtimeConfig = (payload: Payload): SanitizedRealtimePluginConfig => {
  const config = (payload.config.custom as { realtime?: SanitizedRealtimePluginConfig } | undefined)
    ?.realtime
  if (!config) throw new Error('The realtime plugin is not in this Payload config')
  return config
}

/** The driver of this Payload instance, created on first use. */
export const getRealtime = (payload: Payload): RealtimeDriver => {
  let driver = drivers.get(payload)
  if (!driver) {
    driver = realtimeConfig(payload).driver(payload)
    drivers.set(payload, driver)
  }
  return driver
}

/** Replaces the driver of a running instance (tests drive Pusher against a local peer). */
export const setRealtime = (payload: Payload, driver: RealtimeDriver): void => {
  drivers.set(payload, driver)
}
