import type { Metadata } from 'next'
import Link from 'next/link'
import { createLocalReq } from 'payload'

import { NotificationLinkToggle } from '@/components/email/NotificationLinkToggle'
import { FormMessage } from '@/components/forms/FormMessage'
import { type NotificationChange, setNotificationFromLink } from '@/lib/email/unsubscribe'
import { RequestError } from '@/lib/kit/errors'
import { getPayloadClient } from '@/lib/payload'
import { firstParam } from '@/lib/searchParams'

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false } }
export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** Opened from an email's footer: turns that kind of email off and says so, with a way back. */
export default async function UnsubscribePage({ searchParams }: Props) {
  const token = firstParam((await searchParams).token)
  const payload = await getPayloadClient()
  let change: NotificationChange | null = null
  let refusal: string | null = null
  try {
    change = await setNotificationFromLink(await createLocalReq({}, payload), token, false)
  } catch (error) {
    if (!(error instanceof RequestError)) throw error
    refusal = error.message
  }
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">Unsubscribe</h1>
      {change && token ? (
        <>
          <FormMessage
            success={`${change.what} are off for ${change.email}. We will not send you these emails any more.`}
          />
          <p className="text-sm text-gray-600">
            Only this kind of email is off. Emails about your account, sign-in and payments still
            come, and the others you chose stay as they were.
          </p>
          <NotificationLinkToggle token={token} what={change.what} />
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
