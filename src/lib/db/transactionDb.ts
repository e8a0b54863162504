import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

/**
 * The Drizzle handle for raw SQL that belongs to the request's transaction when it has one,
 * so a statement commits or rolls back with the Local API calls that pass the same `req`.
 */
export const transactionDb = async (req: PayloadRequest) => {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const transactionID = await req.transactionID
  return (transactionID && adapter.sessions?.[transactionID]?.db) || adapter.drizzle
}
