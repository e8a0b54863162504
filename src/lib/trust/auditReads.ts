import type {
  CollectionAfterOperationHook,
  CollectionSlug,
  PayloadRequest,
  TypeWithID,
} from 'payload'

import { isStaffUser } from '@/access/roles'
import { idOf } from '@/lib/kit/ids'

import { recordAudit } from './audit'

type Parties = { organizer?: unknown; vendorOwner?: unknown; owner?: unknown; uploader?: unknown }

/** Whether the reader is one of the people the document belongs to (no audit for your own things). */
const isOwnDoc = (doc: Parties, userId: number) =>
  [doc.organizer, doc.vendorOwner, doc.owner, doc.uploader].some((party) => idOf(party) === userId)

/**
 * Records every staff read of private documents (messages, their attachments, verification
 * documents) through REST, GraphQL or the admin: one entry per list or document read, naming
 * the ids. Reads a service makes for itself (access overridden) are not a person reading.
 */
export const auditStaffReads =
  <S extends CollectionSlug>(collection: S): CollectionAfterOperationHook<S> =>
  async (args) => {
    const { operation, req, overrideAccess } = args
    const user = req.user
    if (!user || !isStaffUser(user) || overrideAccess) return args.result
    if (operation !== 'find' && operation !== 'findByID') return args.result
    const docs = (
      operation === 'find'
        ? (args.result as { docs: (TypeWithID & Parties)[] }).docs
        : [args.result as TypeWithID & Parties]
    ).filter((doc) => doc && !isOwnDoc(doc, user.id as number))
    if (docs.length) {
      const ids = docs.map((doc) => doc.id)
      await recordAudit(req, {
        action: `${collection}.read`,
        targetCollection: collection,
        targetId: ids.length === 1 ? ids[0] : null,
        summary: `${user.email} read ${ids.length === 1 ? `${collection} ${ids[0]}` : `${ids.length} ${collection}`}`,
        details: { ids },
      })
    }
    return args.result
  }

/**
 * The same record for opening a private file by its URL. Payload passes the document only when
 * access was a filter; for staff (whole-collection access) it is looked up by its filename.
 */
export const auditStaffFileRead = async (
  req: PayloadRequest,
  { doc, params }: { doc?: TypeWithID; params: { collection: string; filename: string } },
): Promise<void> => {
  const user = req.user
  if (!user || !isStaffUser(user)) return
  // System read: which document this file is, to name it in the log.
  const file =
    doc ??
    (
      await req.payload.find({
        collection: params.collection as CollectionSlug,
        where: { filename: { equals: params.filename } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req,
      })
    ).docs[0]
  if (file && isOwnDoc(file as Parties, user.id as number)) return
  await recordAudit(req, {
    action: `${params.collection}.file-read`,
    targetCollection: params.collection,
    targetId: file?.id ?? null,
    summary: `${user.email} opened ${params.filename}`,
    details: { filename: params.filename },
  })
}
