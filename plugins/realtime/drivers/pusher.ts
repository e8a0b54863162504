import type { PayloadRequest } from 'payload'
import Pusher from 'pusher'

import { afterCommit } from '@/lib/kit/transaction'

import type { RealtimeClientConfig, RealtimeDriver } from '../types'

export type PusherDriverOptions = {
  appId: string
  key: string
  secret: string
  /** Pusher Channels' cluster (`ap4` for Sydney), or a host of a Pusher-protocol server. */
  cluster?: string
  host?: string
  port?: number
  /** Where browsers connect when that differs from the server's address (`soketi` inside Docker, `localhost` outside). */
  publicHost?: string
  publicPort?: number
  useTLS: boolean
}

/**
 * Pusher Channels, or any server that speaks its protocol (Soketi): events are triggered with
 * the official `pusher` library once the transaction commits, and private channels are signed
 * by `POST /api/realtime/auth` for participants only.
 */
export class PusherRealtimeDriver implements RealtimeDriver {
  readonly name = 'pusher' as const
  readonly client: Pusher

  constructor(private readonly options: PusherDriverOptions) {
    this.client = new Pusher({
      appId: options.appId,
      key: options.key,
      secret: options.secret,
      useTLS: options.useTLS,
      ...(options.host
        ? { host: options.host, ...(options.port ? { port: String(options.port) } : {}) }
        : { cluster: options.cluster ?? 'mt1' }),
    })
  }

  clientConfig(): RealtimeClientConfig {
    return {
      driver: 'pusher',
      key: this.options.key,
      cluster: this.options.cluster ?? 'mt1',
      ...((this.options.publicHost ?? this.options.host)
        ? {
            wsHost: this.options.publicHost ?? this.options.host,
            wsPort: this.options.publicPort ?? this.options.port,
          }
        : {}),
      forceTLS: this.options.useTLS,
      authEndpoint: '/api/realtime/auth',
    }
  }

  async publish(
    req: PayloadRequest,
    channels: string[],
    event: string,
    data: Record<string, unknown>,
  ) {
    await afterCommit(req, async () => {
      await this.client.trigger(channels, event, data)
    })
  }

  /** Up when the server answers the HTTP API's channel list, signed with the app's key. */
  async health() {
    try {
      const response = await this.client.get({ path: '/channels' })
      return response.ok ? { ok: true } : { ok: false, error: `answered ${response.status}` }
    } catch {
      return { ok: false, error: 'cannot reach the server' }
    }
  }

  /** The documented `{ auth: "key:signature" }` for a private channel subscription. */
  authorize(socketId: string, channel: string) {
    return this.client.authorizeChannel(socketId, channel)
  }
}
