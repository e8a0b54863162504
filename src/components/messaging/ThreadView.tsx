'use client'

import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { FormMessage } from '@/components/forms/FormMessage'
import { callApi } from '@/lib/kit/apiClient'
import { type RealtimeClientConfig, threadChannel } from '@/plugins/realtime/client'

import { PaperclipIcon } from './icons'
import { newMessageKey, outbox } from './outbox'
import { type ApiMessage, type ThreadMessage, toThreadMessage } from './threadMessage'
import { useRealtime } from './useRealtime'

type Pending = {
  key: string
  body: string
  attachments: ThreadMessage['attachments']
  /** `waiting`: written offline, kept on this device and sent when the connection returns. */
  state: 'sending' | 'failed' | 'waiting'
  error?: string
}

const TIME = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
})

type Props = {
  threadId: number
  me: number
  otherName: string
  initial: ThreadMessage[]
  realtime: RealtimeClientConfig
}

/**
 * One conversation, live: new messages appear without reloading, "Seen" shows under what the
 * other person has read, and sending is optimistic — a message that fails stays with a Retry.
 * Written offline, a message waits on the device (it survives a reload) and goes by itself
 * when the connection returns.
 */
export function ThreadView({ threadId, me, otherName, initial, realtime }: Props) {
  const [messages, setMessages] = useState<ThreadMessage[]>(initial)
  const [pending, setPending] = useState<Pending[]>([])
  const [text, setText] = useState('')
  const [files, setFiles] = useState<ThreadMessage['attachments']>([])
  const [uploadError, setUploadError] = useState<string | null>(null)
  const bottom = useRef<HTMLDivElement>(null)
  const lastId = useRef(initial.at(-1)?.id ?? 0)

  const router = useRouter()
  // Marks what arrived as read, then refreshes the page's server parts (the bell's count).
  // Offline it waits: a refresh with no connection makes Next reload the whole page, again and
  // again. The "online" listener below catches up.
  const markRead = useCallback(() => {
    if (!navigator.onLine) return
    void callApi(`/api/messages/threads/${threadId}`, { method: 'PUT' }).then((result) => {
      if (result.ok) router.refresh()
    })
  }, [threadId, router])

  /** Reads what arrived after the newest message shown: after an event, or after a reconnect. */
  const catchUp = useCallback(async () => {
    const result = await callApi<{ data: { messages: ApiMessage[] } }>(
      `/api/messages/threads/${threadId}/messages?after=${lastId.current}`,
      { method: 'GET' },
    )
    if (!result.ok) return
    const fresh = result.data.data.messages.map(toThreadMessage)
    if (!fresh.length) return
    lastId.current = Math.max(lastId.current, ...fresh.map((m) => m.id))
    setMessages((current) => [
      ...current.filter((m) => !fresh.some((f) => f.id === m.id)),
      ...fresh,
    ])
    if (fresh.some((m) => m.sender !== me)) markRead()
  }, [threadId, me, markRead])

  const reloadRecent = useCallback(async () => {
    const result = await callApi<{ data: { messages: ApiMessage[] } }>(
      `/api/messages/threads/${threadId}/messages`,
      { method: 'GET' },
    )
    if (result.ok) setMessages(result.data.data.messages.map(toThreadMessage))
  }, [threadId])

  useRealtime(
    realtime,
    [threadChannel(threadId)],
    (event, data) => {
      if (event === 'message.created') void catchUp()
      if (event === 'message.edited' || event === 'message.deleted') void reloadRecent()
      if (event === 'message.read' && data.readerId !== me) {
        const upTo = Number(data.upTo)
        setMessages((current) =>
          current.map((m) =>
            m.sender === me && m.id <= upTo && !m.readAt
              ? { ...m, readAt: String(data.readAt) }
              : m,
          ),
        )
      }
    },
    () => void catchUp(),
  )

  useEffect(() => {
    markRead()
  }, [markRead])

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' })
  }, [messages.length, pending.length])

  const unsent = useMemo(
    () => outbox(typeof window === 'undefined' ? null : window.localStorage, me, threadId),
    [me, threadId],
  )

  // A message on its way is not sent again by a second "online" event or a Retry tap.
  const inFlight = useRef(new Set<string>())

  const deliver = async (item: Pending) => {
    if (inFlight.current.has(item.key)) return
    if (!navigator.onLine) {
      unsent.add(item)
      setPending((current) =>
        current.map((p) => (p.key === item.key ? { ...item, state: 'waiting' } : p)),
      )
      return
    }
    setPending((current) =>
      current.map((p) =>
        p.key === item.key ? { ...item, state: 'sending', error: undefined } : p,
      ),
    )
    inFlight.current.add(item.key)
    const result = await callApi<{ data: ApiMessage }>(
      `/api/messages/threads/${threadId}/messages`,
      {
        body: { body: item.body, attachments: item.attachments.map((file) => file.id) },
        // The same key on every try: a send whose answer was lost is not posted twice.
        headers: { 'Idempotency-Key': item.key },
      },
    ).finally(() => inFlight.current.delete(item.key))
    if (!result.ok) {
      // No answer at all: the connection dropped. Keep it on the device and send it later.
      const offline = result.status === 0
      if (offline) unsent.add(item)
      else unsent.remove(item.key)
      setPending((current) =>
        current.map((p) =>
          p.key === item.key
            ? offline
              ? { ...item, state: 'waiting' }
              : { ...item, state: 'failed', error: result.message }
            : p,
        ),
      )
      return
    }
    unsent.remove(item.key)
    const saved = toThreadMessage(result.data.data)
    lastId.current = Math.max(lastId.current, saved.id)
    setPending((current) => current.filter((p) => p.key !== item.key))
    setMessages((current) =>
      current.some((m) => m.id === saved.id)
        ? current
        : [...current, { ...saved, attachments: item.attachments }],
    )
  }

  const pendingRef = useRef(pending)
  pendingRef.current = pending
  const deliverRef = useRef(deliver)
  deliverRef.current = deliver

  // What was written offline before a reload shows again, and everything waiting goes as soon
  // as the browser is back online.
  useEffect(() => {
    const saved = unsent.items()
    if (saved.length)
      setPending((current) => [
        ...current,
        ...saved
          .filter((item) => !current.some((p) => p.key === item.key))
          .map((item) => ({ ...item, state: 'waiting' as const })),
      ])
    const sendWaiting = () => {
      for (const item of pendingRef.current.filter((p) => p.state === 'waiting'))
        void deliverRef.current(item)
      for (const item of unsent.items())
        if (!pendingRef.current.some((p) => p.key === item.key))
          void deliverRef.current({ ...item, state: 'waiting' })
    }
    if (saved.length && navigator.onLine) sendWaiting()
    window.addEventListener('online', sendWaiting)
    window.addEventListener('online', markRead)
    return () => {
      window.removeEventListener('online', sendWaiting)
      window.removeEventListener('online', markRead)
    }
  }, [unsent, markRead])

  const submit = () => {
    const body = text.trim()
    if (!body && !files.length) return
    const item: Pending = {
      key: newMessageKey(),
      body,
      attachments: files,
      state: 'sending',
    }
    setPending((current) => [...current, item])
    setText('')
    setFiles([])
    void deliver(item)
  }

  const attach = async (file: File) => {
    setUploadError(null)
    const form = new FormData()
    form.append('file', file)
    form.append('_payload', JSON.stringify({ thread: threadId }))
    const response = await fetch('/api/message-attachments', {
      method: 'POST',
      body: form,
      credentials: 'include',
    }).catch(() => null)
    const body = (await response?.json().catch(() => null)) as {
      doc?: { id: number; filename: string; url?: string }
      errors?: { message: string }[]
    } | null
    if (!response?.ok || !body?.doc) {
      setUploadError(
        body?.errors?.[0]?.message ??
          'That file could not be attached. Images and PDFs up to 10 MB work.',
      )
      return
    }
    const doc = body.doc
    setFiles((current) => [
      ...current,
      {
        id: doc.id,
        filename: doc.filename,
        url: doc.url ?? `/api/message-attachments/file/${doc.filename}`,
      },
    ])
  }

  const lastMineRead = [...messages].reverse().find((m) => m.sender === me && m.readAt)?.id

  return (
    <div className="flex flex-col gap-3">
      <ol
        className="flex flex-col gap-2"
        aria-label={`Conversation with ${otherName}`}
        aria-live="polite"
      >
        {messages.map((message) => {
          const mine = message.sender === me
          return (
            <li
              key={message.id}
              className={`flex flex-col ${mine ? 'items-end' : 'items-start'}`}
              data-testid="message"
            >
              <div
                className={`max-w-[85%] rounded-2xl px-3 py-2 ${mine ? 'bg-brand-700 text-white' : 'bg-gray-100 text-ink'}`}
              >
                {message.deletedAt ? (
                  <p className="italic opacity-75">Message deleted</p>
                ) : (
                  <>
                    {message.body && (
                      <p className="whitespace-pre-line break-words">{message.body}</p>
                    )}
                    {message.attachments.map((file) => (
                      <a
                        key={file.id}
                        href={file.url}
                        className={`block text-sm underline ${mine ? 'text-white' : ''}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        📎 {file.filename}
                      </a>
                    ))}
                  </>
                )}
              </div>
              {message.masked && (
                <p className="mt-1 max-w-[85%] text-xs text-gray-600">
                  Contact details are hidden until you book through Event Pros, which keeps your
                  booking protected.
                </p>
              )}
              <p className="mt-0.5 text-xs text-gray-500">
                {TIME.format(new Date(message.createdAt))}
                {message.editedAt && !message.deletedAt ? ' · edited' : ''}
                {mine && message.id === lastMineRead ? ' · Seen' : ''}
              </p>
            </li>
          )
        })}
        {pending.map((item) => (
          <li key={item.key} className="flex flex-col items-end" data-testid="pending-message">
            <div className="max-w-[85%] rounded-2xl bg-brand-700/70 px-3 py-2 text-white">
              <p className="whitespace-pre-line break-words">{item.body}</p>
            </div>
            {item.state === 'sending' ? (
              <p className="mt-0.5 text-xs text-gray-600">Sending…</p>
            ) : item.state === 'waiting' ? (
              <p className="mt-0.5 text-xs text-gray-600" data-testid="waiting-message">
                Waiting for a connection — it sends by itself when you&apos;re back online
              </p>
            ) : (
              <p className="mt-0.5 flex items-center gap-2 text-xs text-red-700">
                Not sent{item.error ? `: ${item.error}` : ''}
                <button
                  type="button"
                  className="font-semibold underline"
                  onClick={() => void deliver(item)}
                >
                  Retry
                </button>
              </p>
            )}
          </li>
        ))}
      </ol>
      <div ref={bottom} />
      <form
        className="sticky bottom-0 flex flex-col gap-2 border-t border-gray-200 bg-white py-3"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        {files.length > 0 && (
          <ul className="flex flex-wrap gap-2 text-sm">
            {files.map((file) => (
              <li key={file.id} className="rounded-full bg-gray-100 px-2 py-0.5">
                📎 {file.filename}
              </li>
            ))}
          </ul>
        )}
        <FormMessage error={uploadError} />
        <div className="flex items-end gap-2">
          <label
            className="btn-secondary min-h-11 cursor-pointer px-3"
            title="Attach a photo or PDF"
          >
            <PaperclipIcon />
            <span className="sr-only">Attach a file</span>
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif,application/pdf"
              className="sr-only"
              onChange={(event) => {
                const file = event.target.files?.[0]
                if (file) void attach(file)
                event.target.value = ''
              }}
            />
          </label>
          <label className="flex-1">
            <span className="sr-only">Message</span>
            <textarea
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault()
                  submit()
                }
              }}
              maxLength={5000}
              rows={1}
              placeholder="Write a message"
              className="field mt-0 min-h-11 resize-y py-2"
            />
          </label>
          <button type="submit" className="btn px-4">
            Send
          </button>
        </div>
      </form>
    </div>
  )
}
