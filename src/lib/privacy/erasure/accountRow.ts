import type { FlattenedField, PayloadRequest } from 'payload'

import { slugs } from '@/collections/slugs'

import { erasedEmail } from './constants'

/** What the placeholder row keeps: what kept records and the erasure's own bookkeeping need. */
const KEPT = new Set(['id', 'role', 'createdAt', 'updatedAt', 'erasedAt'])

/** Empty values for a field, whatever fields other features add to accounts. */
const emptied = (field: FlattenedField): unknown => {
  if (field.type === 'array' || field.type === 'blocks') return []
  if ('hasMany' in field && field.hasMany) return []
  if (field.type === 'group') {
    return Object.fromEntries(field.flattenedFields.map((inner) => [inner.name, emptied(inner)]))
  }
  return null
}

/**
 * The account row becomes a placeholder: kept records (bookings, messages, reviews) still point
 * to it, but it holds nothing about the person and nobody can sign in to it. Every field is
 * cleared except the few in `KEPT`, so a field a new feature adds is erased without a change here.
 */
export const anonymiseAccountRow = async (req: PayloadRequest, id: number): Promise<void> => {
  const data: Record<string, unknown> = {}
  for (const field of req.payload.collections.users.config.flattenedFields) {
    if (KEPT.has(field.name) || field.type === 'join' || ('virtual' in field && field.virtual)) {
      continue
    }
    data[field.name] = emptied(field)
  }
  Object.assign(data, {
    email: erasedEmail(id),
    firstName: 'Former',
    lastName: 'member',
    // Payload counts failed sign-ins on the row, and cannot add one to nothing.
    loginAttempts: 0,
    // Nobody reads the placeholder's mail: no alerts or reminders are made for it.
    jobAlerts: false,
    messageEmails: false,
    erasedAt: new Date().toISOString(),
  })
  // System write: the password hash, sessions and API key are not writable through any API.
  await req.payload.db.updateOne({ collection: slugs.users, id, data, req, returning: false })
}
