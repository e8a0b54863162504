import type { Payload, PayloadRequest } from 'payload'

import { searchConfig } from '../runtime'
import { indexHealth } from '../vendors/health'
import { RebuildIndexButton } from './RebuildIndexButton'

type Props = { payload: Payload; user?: PayloadRequest['user'] }

const row = (label: string, value: React.ReactNode) => (
  <tr>
    <th style={{ textAlign: 'left', fontWeight: 500, padding: '4px 16px 4px 0' }}>{label}</th>
    <td style={{ padding: '4px 0' }}>{value}</td>
  </tr>
)

/** Search index health on the admin dashboard, for those who manage it: is it equal to the database? */
export async function SearchIndexPanel({ payload, user }: Props) {
  if (!searchConfig(payload).access.manageIndex(user ?? null)) return null
  const health = await indexHealth(payload)
  const status = !health.reachable
    ? { text: 'Engine unreachable', colour: 'var(--theme-error-500)' }
    : health.inSync
      ? { text: 'In sync', colour: 'var(--theme-success-500)' }
      : { text: 'Catching up', colour: 'var(--theme-warning-500)' }
  return (
    <section
      aria-labelledby="search-index-health"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        padding: 16,
        marginBottom: 24,
      }}
    >
      <h2 id="search-index-health" style={{ margin: '0 0 8px', fontSize: 18 }}>
        Search index{' '}
        <span style={{ color: status.colour, fontSize: 14, marginLeft: 8 }}>● {status.text}</span>
      </h2>
      <table style={{ borderCollapse: 'collapse', marginBottom: 12 }}>
        <tbody>
          {row('Engine', health.engine)}
          {row(
            'Active vendors in the database',
            health.documentsInDatabase.toLocaleString('en-NZ'),
          )}
          {row('Vendors in the index', health.documentsInIndex?.toLocaleString('en-NZ') ?? '—')}
          {health.documentsInMemory !== null &&
            row(
              'In this server’s memory',
              health.documentsInMemory === 'loading'
                ? 'Loading — searches run in SQL meanwhile'
                : health.documentsInMemory.toLocaleString('en-NZ'),
            )}
          {row('Updates waiting', health.pendingJobs)}
          {row('Updates out of retries', health.failedJobs)}
          {row(
            'Last error',
            health.engineError ??
              (health.lastError
                ? `${health.lastError.message} (${new Date(health.lastError.at).toLocaleString('en-NZ')})`
                : 'None'),
          )}
          {row(
            'Places',
            health.geocoder.lastError
              ? `${health.geocoder.name}: ${health.geocoder.lastError.message} (${new Date(health.geocoder.lastError.at).toLocaleString('en-NZ')}); using the built-in towns meanwhile`
              : health.geocoder.name,
          )}
        </tbody>
      </table>
      <RebuildIndexButton queued={health.rebuildQueued} />
    </section>
  )
}
