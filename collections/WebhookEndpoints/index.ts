import {
  APIError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type CollectionConfig,
} from 'payload'

import { z } from 'zod'

import { and } from '@/access/combinators'
import { nobody, systemWritten } from '@/access/rules'
import { WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events'
import { lockRow } from '@/lib/marketplace/jobLock'
import { checkDestination, MAX_WEBHOOK_ENDPOINTS } from '@/lib/webhooks/destination'
import { newSigningSecret } from '@/lib/webhooks/signing'
import type { WebhookEndpoint } from '@/payload-types'
import { documentCreatedWith } from '@/plugins/openapi'

import { ownerField } from '../fields/marketplace'
import { slugs } from '../slugs'
import { canRegisterWebhooks, ownEndpoints } from './access'
import { webhookEndpointEndpoints } from './endpoints'

const SECRET_CONTEXT = 'webhookSigningSecret'

/**
 * A new endpoint is its creator's (at most MAX_WEBHOOK_ENDPOINTS each) with a fresh signing
 * secret; a changed address is checked again, so an endpoint can never be moved somewhere
 * private after it was accepted.
 */
const ownAndCheckDestination: CollectionBeforeChangeHook<WebhookEndpoint> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const next = { ...data }
  if (operation === 'create') {
    if (!req.user) throw new Error('Webhook endpoints are created by a signed-in integrator.')
    next.owner = req.user.id
    // System count: the owner's own endpoints, whoever is asking.
    const { totalDocs } = await req.payload.count({
      collection: slugs.webhookEndpoints,
      where: { owner: { equals: req.user.id } },
      overrideAccess: true,
      req,
    })
    if (totalDocs >= MAX_WEBHOOK_ENDPOINTS) {
      throw new APIError(
        `You can register up to ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one you no longer use first.`,
        409,
      )
    }
    const secret = newSigningSecret()
    next.secret = secret
    req.context[SECRET_CONTEXT] = secret
  }
  if (typeof next.url === 'string' && next.url !== originalDoc?.url) {
    next.url = await checkDestination(next.url)
  }
  // Turned back on by its owner: the failure streak that turned it off is over.
  if (next.enabled === true && originalDoc?.enabled === false) {
    next.failingSince = null
    next.lastFailureAt = null
    next.disabledReason = null
  }
  return next
}

/** The signing secret is in the answer to the create only: it is never readable again. */
const showSecretOnce: CollectionAfterChangeHook<WebhookEndpoint> = ({ doc, operation, req }) => {
  const secret = req.context[SECRET_CONTEXT]
  if (operation !== 'create' || typeof secret !== 'string') return doc
  delete req.context[SECRET_CONTEXT]
  return { ...doc, secret }
}

/**
 * An endpoint's log goes with it: its rows name an endpoint that no longer exists. The row is
 * locked first, so a change announcing an event to it meanwhile commits before (and its
 * deliveries are deleted here) or finds the endpoint gone.
 */
const deleteDeliveryLog: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await lockRow(req, 'webhook_endpoints', Number(id))
  // System delete: the log is written by the webhooks code only; the caller may delete this endpoint.
  await req.payload.delete({
    collection: slugs.webhookDeliveries,
    where: { endpoint: { equals: id } },
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/**
 * An address an integrator's system listens on for the events it chose. Events are signed with
 * the endpoint's secret (Standard Webhooks) and logged in `webhook-deliveries`.
 */
export const WebhookEndpoints: CollectionConfig<'webhook-endpoints'> = {
  slug: slugs.webhookEndpoints,
  labels: { singular: 'Webhook endpoint', plural: 'Webhook endpoints' },
  admin: {
    useAsTitle: 'url',
    defaultColumns: ['url', 'events', 'enabled', 'owner', 'failingSince'],
    group: 'Integrations',
    description:
      'Addresses that receive signed events (see the API reference). The signing secret is shown once, when the endpoint is created or its secret rotated.',
  },
  endpoints: webhookEndpointEndpoints,
  custom: documentCreatedWith({
    secret: z
      .string()
      .describe('The `whsec_…` signing secret, in this answer only: keep it with the receiver.'),
  }),
  access: {
    read: ownEndpoints,
    create: canRegisterWebhooks,
    update: and(canRegisterWebhooks, ownEndpoints),
    delete: ownEndpoints,
  },
  hooks: {
    beforeChange: [ownAndCheckDestination],
    afterChange: [showSecretOnce],
    beforeDelete: [deleteDeliveryLog],
  },
  fields: [
    {
      name: 'url',
      type: 'text',
      required: true,
      maxLength: 2048,
      admin: {
        description:
          'An https address on the public internet. Redirects are not followed: give the final address.',
      },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      options: WEBHOOK_EVENT_TYPES.map((value) => ({ label: value, value })),
      admin: {
        description:
          'What each event means and who receives it: Webhooks, in the API reference (/api/docs).',
      },
    },
    { name: 'description', type: 'text', maxLength: 200 },
    {
      name: 'enabled',
      type: 'checkbox',
      defaultValue: true,
      admin: {
        position: 'sidebar',
        description:
          'Turned off after 3 days of failed deliveries (its owner is emailed). Turn it back on to resume: what waited is sent then.',
      },
    },
    {
      name: 'signingSecret',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '@/components/admin/webhooks/RotateSecret#RotateSecret' },
      },
    },
    {
      name: 'failingSince',
      type: 'date',
      access: systemWritten,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'lastFailureAt',
      type: 'date',
      access: systemWritten,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'disabledReason',
      type: 'text',
      access: systemWritten,
      admin: { readOnly: true, position: 'sidebar' },
    },
    // Read by the delivery only: `hidden` keeps them out of every API answer and the admin.
    { name: 'secret', type: 'text', hidden: true, access: { create: nobody, update: nobody } },
    {
      name: 'previousSecret',
      type: 'text',
      hidden: true,
      access: { create: nobody, update: nobody },
    },
    { name: 'previousSecretExpiresAt', type: 'date', hidden: true, access: systemWritten },
    ownerField(),
  ],
  timestamps: true,
}
