'use client'

import type { Options } from 'pusher-js'
import { useEffect, useRef } from 'react'

import type { RealtimeClientConfig } from '@/plugins/realtime/client'

export type RealtimeHandler = (event: string, data: Record<string, unknown>) => void

/** Every event the server publishes; an event missing here is never heard by the browser. */
export const REALTIME_EVENTS = [
  'message.created',
  'message.edited',
  'message.deleted',
  'message.read',
  'application.created',
  'application.status',
  'application.updated',
  'quotes.changed',
  'booking.created',
  'booking.status',
  'review.published',
  'invitation.created',
  'invitation.status',
  'invitation.declined',
]

/** How pusher-js connects to the server's Pusher (or Pusher-protocol) host and signs private channels. */
export const pusherOptions = (
  config: Extract<RealtimeClientConfig, { driver: 'pusher' }>,
): Options => ({
  cluster: config.cluster ?? 'mt1',
  ...(config.wsHost
    ? { wsHost: config.wsHost, wsPort: config.wsPort, wssPort: config.wsPort }
    : {}),
  forceTLS: config.forceTLS,
  enabledTransports: ['ws', 'wss'],
  channelAuthorization: { endpoint: config.authEndpoint, transport: 'ajax' },
})

/**
 * Listens on private channels with whichever driver the server uses: an EventSource on the
 * embedded default (which reconnects by itself and resumes with Last-Event-ID), or pusher-js.
 * `onReconnect` runs after a dropped connection comes back, to catch up from the API.
 */
export function useRealtime(
  config: RealtimeClientConfig,
  channels: string[],
  onEvent: RealtimeHandler,
  onReconnect?: () => void,
) {
  const handler = useRef(onEvent)
  const reconnect = useRef(onReconnect)
  handler.current = onEvent
  reconnect.current = onReconnect
  const key = channels.join(',')
  // Props from the server are new objects after every refresh; the connection depends on the values.
  const configKey = JSON.stringify(config)

  useEffect(() => {
    if (!key) return
    const config = JSON.parse(configKey) as RealtimeClientConfig
    if (config.driver === 'sse') {
      const source = new EventSource(`${config.streamUrl}?channels=${encodeURIComponent(key)}`, {
        withCredentials: true,
      })
      let opened = false
      source.onopen = () => {
        if (opened) reconnect.current?.()
        opened = true
      }
      for (const name of REALTIME_EVENTS) {
        source.addEventListener(name, (message) => {
          handler.current(name, JSON.parse((message as MessageEvent<string>).data))
        })
      }
      return () => source.close()
    }
    let disposed = false
    let disconnect = () => {}
    void import('pusher-js').then(({ default: Pusher }) => {
      if (disposed) return
      const pusher = new Pusher(config.key, pusherOptions(config))
      pusher.connection.bind('connected', () => reconnect.current?.())
      for (const channel of key.split(',')) {
        const subscription = pusher.subscribe(channel)
        for (const name of REALTIME_EVENTS) {
          subscription.bind(name, (data: Record<string, unknown>) => handler.current(name, data))
        }
      }
      disconnect = () => pusher.disconnect()
    })
    return () => {
      disposed = true
      disconnect()
    }
  }, [configKey, key])
}
