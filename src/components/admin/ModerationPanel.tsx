import type { ServerProps } from 'payload'

import { isStaffUser } from '@/access/roles'
import { countQueuesForRender, type QueueName } from '@/lib/trust/moderation'
import type { User } from '@/payload-types'

/** On the admin dashboard, for staff: each moderation queue with how many items wait in it. */
export async function ModerationPanel({ payload, user }: ServerProps) {
  if (!user || !isStaffUser(user as User)) return null
  const counts = await countQueuesForRender(payload, user as User)
  return (
    <section
      aria-labelledby="moderation-queues"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        padding: 16,
        marginBottom: 24,
      }}
    >
      <h2 id="moderation-queues" style={{ margin: '0 0 8px', fontSize: 18 }}>
        Moderation
      </h2>
      <ul
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 12,
          listStyle: 'none',
          padding: 0,
          margin: 0,
        }}
      >
        {(Object.keys(counts) as QueueName[]).map((name) => (
          <li key={name} data-testid={`dashboard-${name}`}>
            <a
              href={`/admin/moderation?queue=${name}`}
              style={{
                display: 'block',
                padding: '8px 12px',
                borderRadius: 4,
                border: '1px solid var(--theme-elevation-150)',
                textDecoration: 'none',
                fontWeight: counts[name].count ? 600 : 400,
              }}
            >
              {counts[name].label}: {counts[name].count}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
