import type { PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'
import type { User } from '@/payload-types'

export type AuditEntry = {
  /** What happened, as `noun.verb`: `review.publish`, `user.role-change`, `message.read`. */
  action: string
  targetCollection: string
  targetId?: string | number | null
  summary: string
  details?: Record<string, unknown>
}

/**
 * Appends an entry to the audit log in the request's transaction, so a decision and its record
 * are saved together or not at all. The actor is whoever is signed in on `req`.
 */
export const recordAudit = async (req: PayloadRequest, entry: AuditEntry): Promise<void> => {
  const actor = req.user as User | null
  // System write: nobody may create audit entries through the API, the log is ours.
  await req.payload.create({
    collection: slugs.auditLog,
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      actorRole: actor?.role ?? 'system',
      action: entry.action,
      targetCollection: entry.targetCollection,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      summary: entry.summary.slice(0, 500),
      details: entry.details ?? null,
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
}
