import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook, PayloadRequest, TypeWithID } from 'payload'

import { checkRole } from '@/access/roles'
import { slugs } from '@/collections/slugs'
import { isSuspended } from '@/lib/auth/suspension'
import { idOf } from '@/lib/kit/ids'
import { transactionDb } from '@/lib/kit/transaction'
import type { User } from '@/payload-types'

import { queueDispatch } from './dispatch'
import { eventsOf, partiesOf, WEBHOOK_EVENTS, type WebhookEventType } from './events'
import { newEventId } from './signing'

/**
 * A request for reading as someone else inside the change's transaction. Payload's Local API
 * sets `req.user` on the request it is given, so the change's own request is never lent out.
 */
const readerRequest = (req: PayloadRequest, user: User): Partial<PayloadRequest> => ({
  payload: req.payload,
  transactionID: req.transactionID,
  context: {},
  locale: req.locale,
  fallbackLocale: req.fallbackLocale,
  i18n: req.i18n,
  t: req.t,
  user: { ...user, collection: slugs.users },
})

/**
 * Writes the webhook deliveries a change causes, in the change's own transaction (the outbox):
 * one per enabled endpoint subscribed to the event whose owner it concerns and who may read
 * the document through the API, carrying the document exactly as that owner reads it.
 */
export const announceWebhookEvents: CollectionAfterChangeHook = async ({
  collection,
  doc,
  previousDoc,
  operation,
  req,
}) => {
  // Demo data is seeded into an empty database: there is no one to tell.
  if ((operation !== 'create' && operation !== 'update') || req.context.seeding) return doc
  const types = eventsOf(collection.slug).filter((type) =>
    WEBHOOK_EVENTS[type].happened({ operation, doc, previousDoc }),
  )
  if (types.length === 0) return doc
  // System read: which integrators listen for these events, whoever caused them.
  const { docs: endpoints } = await req.payload.find({
    collection: slugs.webhookEndpoints,
    where: { and: [{ enabled: { equals: true } }, { events: { in: types } }] },
    select: { owner: true, events: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  if (endpoints.length === 0) return doc
  // Held until this change commits, so an endpoint deleted meanwhile waits for it (and takes
  // its new deliveries with it) instead of failing this change; one already gone is skipped.
  const db = await transactionDb(req)
  const { rows } = await db.execute(
    sql`SELECT id FROM webhook_endpoints WHERE id IN (${sql.join(
      endpoints.map((endpoint) => sql`${endpoint.id}`),
      sql`, `,
    )}) AND enabled FOR SHARE`,
  )
  const live = new Set((rows as { id: number }[]).map((row) => row.id))
  // System read: the owners, whose own access decides what each is sent.
  const { docs: owners } = await req.payload.find({
    collection: slugs.users,
    where: { id: { in: [...new Set(endpoints.map((endpoint) => idOf(endpoint.owner)))] } },
    depth: 0,
    pagination: false,
    showHiddenFields: true,
    overrideAccess: true,
    req,
  })
  const ownerById = new Map(owners.map((owner) => [owner.id, owner]))
  const seen = new Map<number, Record<string, unknown> | null>()
  let queued = 0
  for (const type of types) {
    const eventId = newEventId()
    const parties = partiesOf(type, doc as TypeWithID & Record<string, unknown>)
    for (const endpoint of endpoints) {
      if (!live.has(endpoint.id)) continue
      if (!(endpoint.events as WebhookEventType[]).includes(type)) continue
      const owner = ownerById.get(idOf(endpoint.owner))
      if (!owner || isSuspended(owner)) continue
      const concerned =
        parties === 'readers' ||
        parties.has(owner.id) ||
        (WEBHOOK_EVENTS[type].platform && checkRole(['admin'], owner))
      if (!concerned) continue
      if (!seen.has(owner.id)) {
        seen.set(
          owner.id,
          (await req.payload.findByID({
            collection: collection.slug as 'vendors',
            id: doc.id,
            depth: 0,
            user: readerRequest(req, owner).user,
            overrideAccess: false,
            disableErrors: true,
            req: readerRequest(req, owner),
          })) as Record<string, unknown> | null,
        )
      }
      const data = seen.get(owner.id)
      if (!data) continue
      // System write: the outbox row, which no one writes through the API.
      await req.payload.create({
        collection: slugs.webhookDeliveries,
        data: {
          endpoint: endpoint.id,
          owner: owner.id,
          type,
          eventId,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: new Date().toISOString(),
          lane: `${endpoint.id}:${collection.slug}:${doc.id}`,
          payload: { type, timestamp: new Date().toISOString(), data },
        },
        depth: 0,
        overrideAccess: true,
        req,
      })
      queued++
    }
  }
  if (queued > 0) await queueDispatch(req)
  return doc
}
