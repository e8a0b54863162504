import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'
import pg from 'pg'

import type { RealtimeDriver, RealtimeEvent } from '../types'

const NOTIFY_CHANNEL = 'realtime_events'
const REPLAY_LIMIT = 1000

const setupSql = `
CREATE SCHEMA IF NOT EXISTS realtime;
CREATE TABLE IF NOT EXISTS realtime.events (
  id bigserial PRIMARY KEY,
  channel text NOT NULL,
  event text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS events_channel_id ON realtime.events (channel, id);`

type Row = { id: string; channel: string; event: string; data: Record<string, unknown> }
type Listener = (event: RealtimeEvent) => void

const toEvent = (row: Row): RealtimeEvent => ({
  id: String(row.id),
  channel: row.channel,
  event: row.event,
  data: row.data,
})

/**
 * The embedded default: every event is a row in `realtime.events`, written in the same
 * transaction as what it announces, with a NOTIFY carrying only its id (delivered by
 * PostgreSQL at commit). Each app instance LISTENs once and fans the events out to its
 * Server-Sent Events clients; a client that reconnects with Last-Event-ID reads what it
 * missed from the table, so several instances and dropped connections lose nothing.
 */
export class PostgresRealtimeDriver implements RealtimeDriver {
  readonly name = 'postgres' as const
  private listeners = new Map<string, Set<Listener>>()
  private client: pg.Client | null = null
  private starting: Promise<void> | null = null
  private pending: string[] = []
  private flushing = false
  private stopped = false
  private endingStreams = false
  private enders = new Map<Listener, () => void>()
  /** The newest event fanned out, so a reconnected LISTEN catches up on what it missed. */
  private lastId: string | null = null

  constructor(private readonly payload: Payload) {}

  private get pool(): pg.Pool {
    return (this.payload.db as unknown as PostgresAdapter).pool as unknown as pg.Pool
  }

  clientConfig() {
    return { driver: 'sse' as const, streamUrl: '/api/realtime/stream' }
  }

  async publish(
    req: PayloadRequest,
    channels: string[],
    event: string,
    data: Record<string, unknown>,
  ) {
    const adapter = req.payload.db as unknown as PostgresAdapter
    const transactionID = await req.transactionID
    const db = (transactionID && adapter.sessions?.[transactionID]?.db) || adapter.drizzle
    await this.start()
    await db.execute(sql`
      WITH e AS (
        INSERT INTO realtime.events (channel, event, data)
        SELECT channel, ${event}, ${JSON.stringify(data)}::jsonb
        FROM jsonb_array_elements_text(${JSON.stringify(channels)}::jsonb) AS channel
        RETURNING id
      )
      SELECT pg_notify(${NOTIFY_CHANNEL}, e.id::text) FROM e`)
  }

  /** Creates the table and opens this instance's one LISTEN connection. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.pool.query(setupSql)
      await this.pool.query(
        `DELETE FROM realtime.events WHERE created_at < now() - interval '2 days'`,
      )
      await this.listen()
    })().catch((error: unknown) => {
      this.starting = null
      throw error
    })
    return this.starting
  }

  private async listen() {
    const client = new pg.Client(this.pool.options)
    client.on('notification', (message) => {
      if (message.payload) this.pending.push(message.payload)
      void this.flush()
    })
    client.on('error', (error) => {
      this.payload.logger.error({
        err: error,
        msg: 'Realtime LISTEN connection lost; reconnecting',
      })
      this.client = null
      const poolEnded = (this.pool as unknown as { ended?: boolean }).ended
      if (!this.stopped && !poolEnded) setTimeout(() => void this.reconnect(), 1000)
    })
    await client.connect()
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`)
    this.client = client
    if (this.lastId) {
      const { rows } = await this.pool.query<{ id: string }>(
        'SELECT id FROM realtime.events WHERE id > $1 ORDER BY id',
        [this.lastId],
      )
      this.pending.push(...rows.map((row) => String(row.id)))
      void this.flush()
    }
  }

  private async reconnect() {
    try {
      await this.listen()
    } catch {
      const poolEnded = (this.pool as unknown as { ended?: boolean }).ended
      if (!this.stopped && !poolEnded) setTimeout(() => void this.reconnect(), 5000)
    }
  }

  /** Reads notified events in batches, one query for however many arrived meanwhile. */
  private async flush() {
    if (this.flushing) return
    this.flushing = true
    try {
      while (this.pending.length) {
        const ids = this.pending.splice(0, 500)
        const { rows } = await this.pool.query<Row>(
          'SELECT id, channel, event, data FROM realtime.events WHERE id = ANY($1::bigint[]) ORDER BY id',
          [ids],
        )
        for (const row of rows) {
          const event = toEvent(row)
          if (!this.lastId || BigInt(event.id) > BigInt(this.lastId)) this.lastId = event.id
          for (const listener of this.listeners.get(event.channel) ?? []) listener(event)
        }
      }
    } catch (error) {
      this.payload.logger.error({ err: error, msg: 'Could not read realtime events' })
    } finally {
      this.flushing = false
    }
  }

  /**
   * Live events on these channels, until the returned function is called; `onEnd` when the
   * instance ends its streams to shut down.
   */
  subscribe(channels: string[], listener: Listener, onEnd?: () => void): () => void {
    if (onEnd) this.enders.set(listener, onEnd)
    for (const channel of channels) {
      let set = this.listeners.get(channel)
      if (!set) this.listeners.set(channel, (set = new Set()))
      set.add(listener)
    }
    return () => {
      this.enders.delete(listener)
      for (const channel of channels) {
        const set = this.listeners.get(channel)
        set?.delete(listener)
        if (set?.size === 0) this.listeners.delete(channel)
      }
    }
  }

  /** Events on these channels after `afterId`, oldest first: what a reconnecting client missed. */
  async replay(channels: string[], afterId: string): Promise<RealtimeEvent[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT id, channel, event, data FROM realtime.events
       WHERE channel = ANY($1::text[]) AND id > $2::bigint ORDER BY id LIMIT ${REPLAY_LIMIT}`,
      [channels, afterId],
    )
    return rows.map(toEvent)
  }

  /** How many browsers this instance serves right now (health and the benchmark). */
  subscriberCount(): number {
    const unique = new Set<Listener>()
    for (const set of this.listeners.values()) for (const listener of set) unique.add(listener)
    return unique.size
  }

  /** Up when this instance is LISTENing: started here if no stream has started it yet. */
  async health() {
    try {
      await this.start()
      return this.client ? { ok: true } : { ok: false, error: 'reconnecting to the database' }
    } catch {
      return { ok: false, error: 'cannot reach the database' }
    }
  }

  /** Whether streams are being ended: a new one is refused, so its browser tries elsewhere. */
  get ending(): boolean {
    return this.endingStreams
  }

  /** Ends every stream this instance serves (a graceful shutdown), each told to reconnect. */
  endStreams(): void {
    this.endingStreams = true
    for (const end of [...this.enders.values()]) end()
    this.enders.clear()
  }

  async stop() {
    this.stopped = true
    await this.client?.end().catch(() => undefined)
    this.client = null
  }
}
