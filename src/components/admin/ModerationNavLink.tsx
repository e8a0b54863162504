import type { ServerProps } from 'payload'

import { isStaffUser } from '@/access/roles'
import { countQueuesForRender } from '@/lib/trust/moderation'
import type { User } from '@/payload-types'

/** "Moderation (N)" in the admin's navigation, for staff: N is everything waiting. */
export async function ModerationNavLink({ payload, user }: ServerProps) {
  if (!user || !isStaffUser(user as User)) return null
  const counts = await countQueuesForRender(payload, user as User)
  const waiting = Object.values(counts).reduce((sum, queue) => sum + queue.count, 0)
  return (
    <a href="/admin/moderation" className="nav__link" style={{ fontWeight: 600, padding: '4px 0' }}>
      Moderation{waiting ? ` (${waiting})` : ''}
    </a>
  )
}
