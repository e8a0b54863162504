import type { DateField, Endpoint, FieldAccess } from 'payload'
import { z } from 'zod'

import { guarded, jsonBody, signedIn } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { apiJson } from '@/lib/kit/response'
import { FEED_LIMIT, notificationFeedOf } from '@/lib/notifications/feed'
import { documented, envelope } from '@/plugins/openapi'

import { slugs } from '../../slugs'
import type { UserFeature } from './types'

const ownerOnly: FieldAccess = ({ req: { user }, id, doc }) =>
  user != null && String(user.id) === String(id ?? (doc as { id?: unknown } | undefined)?.id)

/** When the person last opened the bell: the badge counts what is newer. */
const seenAt: DateField = {
  name: 'notificationsSeenAt',
  type: 'date',
  label: 'Notifications last seen',
  // Set only by the server's clock through POST /api/users/me/notifications/seen.
  access: { read: ownerOnly, create: () => false, update: () => false },
  admin: { hidden: true },
}

// Payload's own REST parameters, which its handlers add and which change nothing here.
const PAYLOAD_PARAMS = new Set(['depth', 'locale', 'fallback-locale'])

const refuseQuery = (req: Parameters<Endpoint['handler']>[0]) => {
  const unknown = Object.keys(req.query ?? {}).filter((name) => !PAYLOAD_PARAMS.has(name))
  if (unknown.length > 0) {
    throw new RequestError(
      400,
      'INVALID_INPUT',
      `This address takes no query parameters; remove ${unknown.join(', ')}.`,
    )
  }
}

/** One item of the bell, as `notificationFeedOf` derives it. */
const NotificationItem = z.object({
  key: z.string().describe('Stable for the same news, so a client can tell items apart.'),
  text: z.string(),
  href: z.string().describe('The page of the site it is about (a path).'),
  at: z.iso.datetime().describe('When it happened.'),
})

/** `GET /api/users/me/notifications`: the signed-in person's newest 20 items and the new count. */
const listNotifications: Endpoint = documented(
  {
    summary: 'Your notifications',
    description: `The bell's list, newest first, at most ${FEED_LIMIT}: quotes and bookings on an organizer's jobs; a vendor's invitations, quote news, bookings and published reviews; unread conversations for everyone. Takes no query parameters (400 \`INVALID_INPUT\` for any).`,
    caller: 'signed-in',
    response: envelope(
      z.object({
        items: z.array(NotificationItem),
        newCount: z
          .number()
          .int()
          .min(0)
          .describe('How many of `items` came after `seenAt`: the badge.'),
        seenAt: z.iso
          .datetime()
          .nullable()
          .describe('When the bell was last opened (`POST /api/users/me/notifications/seen`).'),
      }),
    ),
  },
  {
    path: '/me/notifications',
    method: 'get',
    handler: guarded(async (req) => {
      const user = signedIn(req, 'Sign in to see your notifications.')
      refuseQuery(req)
      return apiJson(req, { success: true, data: await notificationFeedOf(req, user) })
    }),
  },
)

/** `POST /api/users/me/notifications/seen` with no body (or `{}`): the bell was opened now. */
const markNotificationsSeen: Endpoint = documented(
  {
    summary: 'Mark your notifications seen',
    description:
      "The bell was opened now: `newCount` counts only what is newer. Send no body (or `{}`): the time is the server's clock, and any field is refused with 400 `INVALID_INPUT`, as are query parameters.",
    caller: 'signed-in',
    response: envelope(z.object({ seenAt: z.iso.datetime() })),
  },
  {
    path: '/me/notifications/seen',
    method: 'post',
    handler: guarded(async (req) => {
      const user = signedIn(req, 'Sign in to see your notifications.')
      refuseQuery(req)
      const body = req.headers.get('content-type')?.includes('json') ? await jsonBody(req) : {}
      if (Object.keys(body).length > 0) {
        throw new RequestError(
          400,
          'INVALID_INPUT',
          'Send no body: the time is taken from the server’s clock.',
        )
      }
      const now = new Date().toISOString()
      await req.payload.update({
        collection: slugs.users,
        id: user.id,
        data: { notificationsSeenAt: now },
        depth: 0,
        // The field is closed to every direct write; this endpoint sets it for the caller alone.
        overrideAccess: true,
        req,
      })
      return apiJson(req, { success: true, data: { seenAt: now } })
    }),
  },
)

export const notificationFeedFeature: UserFeature = {
  fields: [seenAt],
  endpoints: [listNotifications, markNotificationsSeen],
}
