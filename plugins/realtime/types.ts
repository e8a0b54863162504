import type { Payload, PayloadRequest } from 'payload'

/** One event on a channel. `data` carries ids only: clients read the documents with their own access. */
export type RealtimeEvent = {
  /** Increasing per deployment (the PostgreSQL driver's event id); clients resume after it. */
  id: string
  channel: string
  event: string
  data: Record<string, unknown>
}

/**
 * How the app talks to browsers in real time. Drivers: Pusher Channels (or any Pusher-protocol
 * server) and the embedded PostgreSQL LISTEN/NOTIFY + Server-Sent Events.
 */
export interface RealtimeDriver {
  readonly name: 'pusher' | 'postgres'
  /**
   * Publishes once the request's transaction commits (or at once outside one), so a browser
   * never hears of a message it cannot read yet, and a rolled-back one is never announced.
   */
  publish(
    req: PayloadRequest,
    channels: string[],
    event: string,
    data: Record<string, unknown>,
  ): Promise<void>
  /** What the browser needs to connect: the driver and, for Pusher, its public key and host. */
  clientConfig(): RealtimeClientConfig
  /** Whether events can be sent right now, for readiness checks. */
  health(): Promise<{ ok: boolean; error?: string }>
  /** Starts listening (PostgreSQL); safe to call again. */
  start?(payload: Payload): Promise<void>
  stop?(): Promise<void>
}

export type RealtimeClientConfig =
  | { driver: 'sse'; streamUrl: string }
  | {
      driver: 'pusher'
      key: string
      cluster?: string
      wsHost?: string
      wsPort?: number
      forceTLS: boolean
      authEndpoint: string
    }

export type RealtimePluginConfig = {
  /** Creates the driver once Payload has started. */
  driver: (payload: Payload) => RealtimeDriver
  /**
   * Whether `user` may listen on `channel`. Channel names are `private-<kind>-<id>`.
   */
  authorize: (args: { req: PayloadRequest; channel: string }) => Promise<boolean>
  /**
   * Keeps the endpoints in the config but publishes nothing.
   * @default false
   */
  disabled?: boolean
}

export type SanitizedRealtimePluginConfig = Required<RealtimePluginConfig>
