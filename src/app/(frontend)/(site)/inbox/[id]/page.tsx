import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'

import { toThreadMessage } from '@/components/messaging/threadMessage'
import { ThreadView } from '@/components/messaging/ThreadView'
import { conversation, realtimeClientConfig } from '@/lib/messaging/queries'
import { getCurrentUser } from '@/lib/payload'

export const metadata: Metadata = { title: 'Conversation' }

type Props = { params: Promise<{ id: string }> }

export default async function ConversationPage({ params }: Props) {
  const { id } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/login?next=/inbox/${id}`)
  const found = await conversation(Number(id), user)
  if (!found) notFound()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-3">
      <p className="text-sm">
        <Link href="/inbox">← Messages</Link>
      </p>
      <h1 className="text-xl font-bold">
        {found.thread.organizer === user.id && found.vendorSlug ? (
          <Link href={`/vendors/${found.vendorSlug}`}>{found.otherName}</Link>
        ) : (
          found.otherName
        )}
      </h1>
      <ThreadView
        threadId={found.thread.id}
        me={user.id}
        otherName={found.otherName}
        initial={found.messages.map((message) =>
          toThreadMessage({
            ...message,
            body: message.body ?? null,
            readAt: message.readAt ?? null,
          }),
        )}
        realtime={await realtimeClientConfig()}
      />
    </div>
  )
}
