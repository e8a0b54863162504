import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { guarded } from '@/lib/kit/endpoint'
import { RequestError } from '@/lib/kit/errors'
import { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/kit/notifications'
import { apiJson } from '@/lib/kit/response'
import { unsubscribePageUrl } from '@/lib/kit/unsubscribe'
import { documented, envelope } from '@/plugins/openapi'

import { setNotificationFromLink } from './unsubscribe'

const tokenOf = (req: PayloadRequest): string | null =>
  new URL(req.url ?? '', 'http://localhost').searchParams.get('token')

const token = z.string().min(1).describe('The signed token from the email’s link.')

/** `readUnsubscribeToken` refuses a token longer than 2,000 characters. */
export const OneClickUnsubscribeQuery = z.object({ token: token.max(2000) })

export const UnsubscribeRedirectQuery = z.object({ token })

/** The `List-Unsubscribe` value of a one-click post, form-encoded or multipart as RFC 8058 allows. */
const oneClickValue = async (req: PayloadRequest): Promise<string | null> => {
  const type = req.headers.get('content-type') ?? ''
  try {
    if (type.startsWith('multipart/form-data')) {
      const value = (await req.formData?.())?.get('List-Unsubscribe')
      return typeof value === 'string' ? value : null
    }
    return new URLSearchParams((await req.text?.()) ?? '').get('List-Unsubscribe')
  } catch {
    return null
  }
}

/**
 * `POST /api/unsubscribe?token=…` — the one-click unsubscribe of RFC 8058: a mail provider
 * posts `List-Unsubscribe=One-Click`, with no cookies, to the URL in an email's
 * `List-Unsubscribe` header; that kind of email is turned off for the account the token names.
 */
export const oneClickUnsubscribeEndpoint: Endpoint = documented(
  {
    summary: 'Unsubscribe in one click (RFC 8058)',
    description:
      'For mail providers: the body is the form field `List-Unsubscribe=One-Click`, form-encoded (`application/x-www-form-urlencoded`) or `multipart/form-data`, not JSON; anything else is a 400 INVALID_INPUT. Turns off the kind of email the token names for its account; doing it again changes nothing.',
    caller: 'signed-link',
    query: OneClickUnsubscribeQuery,
    response: envelope(
      z.object({
        kind: z
          .enum(Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]])
          .describe('The kind of email turned off.'),
        enabled: z.literal(false),
      }),
    ),
  },
  {
    path: '/unsubscribe',
    method: 'post',
    handler: guarded(async (req) => {
      if ((await oneClickValue(req)) !== 'One-Click') {
        throw new RequestError(
          400,
          'INVALID_INPUT',
          'Send the form field List-Unsubscribe=One-Click to unsubscribe, or open the link in the email instead.',
        )
      }
      const change = await setNotificationFromLink(req, tokenOf(req), false)
      return apiJson(req, { success: true, data: { kind: change.kind, enabled: change.enabled } })
    }),
  },
)

/**
 * `GET /api/unsubscribe?token=…` — a mail client that opens the header's URL instead of posting
 * to it is sent on to the page's confirmation step. A GET changes nothing (RFC 8058): spam
 * filters fetch the URLs in headers on their own, and must not unsubscribe anyone.
 */
export const unsubscribeRedirectEndpoint: Endpoint = documented(
  {
    summary: 'Open an unsubscribe link',
    description:
      'Changes nothing (spam filters open the links in headers on their own): sends the person on to the unsubscribe page to confirm.',
    caller: 'signed-link',
    query: UnsubscribeRedirectQuery,
    response: {
      contentType: 'text/html',
      description:
        'Redirects to the unsubscribe page’s confirmation step, `/unsubscribe?token=…&confirm=1`.',
    },
    status: 303,
  },
  {
    path: '/unsubscribe',
    method: 'get',
    handler: guarded(async (req) => {
      const token = tokenOf(req)
      if (!token) {
        throw new RequestError(
          400,
          'INVALID_TOKEN',
          'This unsubscribe link is missing its token. Copy the whole link from the email.',
        )
      }
      return new Response(null, {
        status: 303,
        headers: { Location: unsubscribePageUrl(token) },
      })
    }),
  },
)

export const unsubscribeEndpoints: Endpoint[] = [
  oneClickUnsubscribeEndpoint,
  unsubscribeRedirectEndpoint,
]
