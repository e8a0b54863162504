import { slugs } from '../../slugs'
import type { CollectionAfterChangeHook } from 'payload'

import { recordAudit } from '@/lib/trust/audit'
import type { User } from '@/payload-types'

/** Every change of role, and every staff account an admin creates, goes in the audit log. */
export const auditRoleChange: CollectionAfterChangeHook<User> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (req.context.seeding) return doc
  const granted = operation === 'create' && (doc.role === 'admin' || doc.role === 'moderator')
  const changed = operation === 'update' && previousDoc && previousDoc.role !== doc.role
  if (granted || changed) {
    await recordAudit(req, {
      action: 'user.role-change',
      targetCollection: slugs.users,
      targetId: doc.id,
      summary: `${doc.email}: ${changed ? `${previousDoc.role} → ` : ''}${doc.role}`,
      details: { from: changed ? previousDoc.role : null, to: doc.role },
    })
  }
  return doc
}
