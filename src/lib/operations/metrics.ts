import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

/**
 * The figures `GET /api/metrics` serves, in one registry per process. Next loads this module
 * into more than one bundle (the instrumentation's and the routes'), so the registry lives on
 * `globalThis`: every copy counts into the same metrics, and none registers a name twice.
 */
const createMetrics = () => {
  const registry = new Registry()
  const registers = [registry]
  // Node's own: CPU, memory, event-loop delay, handles.
  collectDefaultMetrics({ register: registry })
  return {
    registry,
    requests: new Counter({
      name: 'eventpros_http_requests_total',
      help: 'HTTP requests answered, by method, route and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'eventpros_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method and route.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    searchDuration: new Histogram({
      name: 'eventpros_search_duration_seconds',
      help: 'Vendor searches, as long as the engine took to answer them.',
      labelNames: ['engine', 'outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    jobsWaiting: new Gauge({
      name: 'eventpros_jobs_waiting',
      help: 'Queued jobs that are due and not yet run, by queue.',
      labelNames: ['queue'] as const,
      registers,
    }),
    oldestJobSeconds: new Gauge({
      name: 'eventpros_jobs_oldest_waiting_seconds',
      help: 'How long the oldest due job has waited, by queue (0 when none waits).',
      labelNames: ['queue'] as const,
      registers,
    }),
    searchSyncLagSeconds: new Gauge({
      name: 'eventpros_search_sync_lag_seconds',
      help: 'How long the oldest vendor change not yet in the search index has waited.',
      registers,
    }),
    sseConnections: new Gauge({
      name: 'eventpros_realtime_sse_connections',
      help: 'Browsers this instance is streaming live updates to.',
      registers,
    }),
    emails: new Counter({
      name: 'eventpros_emails_total',
      help: 'Emails handed to the mail transport, by outcome (sent or failed).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'eventpros_webhook_attempts_total',
      help: 'Webhook delivery attempts, by outcome (delivered, retrying, failed).',
      labelNames: ['outcome'] as const,
      registers,
    }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>

const KEY = Symbol.for('event-pros.metrics')

export const metrics = (): Metrics => {
  const store = globalThis as typeof globalThis & { [KEY]?: Metrics }
  store[KEY] ??= createMetrics()
  return store[KEY]
}
