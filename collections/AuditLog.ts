import type { CollectionConfig } from 'payload'

import { checkRole } from '@/access/roles'
import { admins } from '@/access/rules'

import { slugs } from './slugs'

/**
 * Who did what to which document, and when: moderation, verification decisions, role changes
 * and staff reads of private messages and documents. Admins read it; nobody writes it through
 * the API, and the database refuses UPDATE and DELETE on its table (see the migration), so
 * what is written stays written.
 */
export const AuditLog: CollectionConfig<'audit-log'> = {
  slug: slugs.auditLog,
  labels: { singular: 'Audit entry', plural: 'Audit log' },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: [
      'createdAt',
      'actorEmail',
      'action',
      'targetCollection',
      'targetId',
      'summary',
    ],
    group: 'Trust & safety',
    hidden: ({ user }) => !checkRole(['admin'], user),
    description: 'Append-only. Entries cannot be changed or deleted.',
  },
  access: {
    read: admins,
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  // Kept as plain values, not relationships: deleting a user must not rewrite the log.
  fields: [
    { name: 'actorId', type: 'number', index: true, admin: { readOnly: true } },
    { name: 'actorEmail', type: 'text', admin: { readOnly: true } },
    { name: 'actorRole', type: 'text', admin: { readOnly: true } },
    { name: 'action', type: 'text', required: true, index: true, admin: { readOnly: true } },
    {
      name: 'targetCollection',
      type: 'text',
      required: true,
      index: true,
      admin: { readOnly: true },
    },
    { name: 'targetId', type: 'text', index: true, admin: { readOnly: true } },
    { name: 'summary', type: 'text', required: true, admin: { readOnly: true } },
    { name: 'details', type: 'json', admin: { readOnly: true } },
  ],
  timestamps: true,
}
