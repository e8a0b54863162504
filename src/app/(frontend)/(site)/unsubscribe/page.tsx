import type { Metadata } from 'next'
import Link from 'next/link'
import { createLocalReq } from 'payload'

import { NotificationLinkToggle } from '@/components/email/NotificationLinkToggle'
import { FormMessage } from '@/components/forms/FormMessage'
import {
  type NotificationChange,
  readNotificationLink,
  setNotificationFromLink,
} from '@/lib/email/unsubscribe'
import { RequestError } from '@/lib/kit/errors'
import { getPayloadClient } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false } }
export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * Opened from an email's footer: turns that kind of email off and says so, with a way back.
 * Reached from the List-Unsubscribe header's URL (`confirm=1`), it only asks: spam filters
 * open those URLs by themselves.
 */
export default async function UnsubscribePage({ searchParams }: Props) {
  const params = await searchParams
  const token = firstParam(params.token)
  const confirming = firstParam(params.confirm) === '1'
  const req = await createLocalReq({}, await getPayloadClient())
  let link: NotificationChange | null = null
  let refusal: string | null = null
  try {
    link = confirming
      ? await readNotificationLink(req, token)
      : await setNotificationFromLink(req, token, false)
  } catch (error) {
    if (!(error instanceof RequestError)) throw error
    refusal = error.message
  }
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Unsubscribe</h1>
      {link ? (
        <>
          <NotificationLinkToggle
            token={token}
            what={link.what}
            email={link.email}
            enabled={link.enabled}
          />
          <p className="text-sm text-gray-600">
            This changes only this kind of email. Emails about your account, sign-in and payments
            still come, and your other choices stay as they were.
          </p>
        </>
      ) : (
        <FormMessage error={refusal} />
      )}
      <p className="text-sm">
        <Link href="/account">Choose which emails you get</Link> on your account page (you may need
        to log in).
      </p>
    </div>
  )
}
