import type { ThreadMessage } from './threadMessage'

/** A message written while offline, kept on the device until it has been sent. */
export type OutboxItem = {
  key: string
  body: string
  attachments: ThreadMessage['attachments']
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const keyOf = (me: number, threadId: number) => `eventpros:outbox:${me}:${threadId}`

const isItem = (value: unknown): value is OutboxItem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as OutboxItem).key === 'string' &&
  typeof (value as OutboxItem).body === 'string' &&
  Array.isArray((value as OutboxItem).attachments)

/**
 * One person's unsent messages in one conversation, in the browser's storage: they survive a
 * reload or a closed tab while offline, and belong to the person who wrote them (another
 * account on the same device has its own key and never sends them).
 */
export const outbox = (store: KeyValueStore | null, me: number, threadId: number) => {
  const key = keyOf(me, threadId)
  const read = (): OutboxItem[] => {
    try {
      const parsed: unknown = JSON.parse(store?.getItem(key) ?? '[]')
      return Array.isArray(parsed) ? parsed.filter(isItem) : []
    } catch {
      // Unreadable (edited by hand, or another version): start again rather than fail.
      return []
    }
  }
  const write = (items: OutboxItem[]) => {
    try {
      if (items.length) store?.setItem(key, JSON.stringify(items))
      else store?.removeItem(key)
    } catch {
      // Storage full or refused (private browsing): the message still shows as waiting.
    }
  }
  return {
    items: read,
    add: (item: OutboxItem) => write([...read().filter((i) => i.key !== item.key), item]),
    remove: (itemKey: string) => write(read().filter((i) => i.key !== itemKey)),
  }
}

/**
 * A new message's key: kept with it in the outbox and sent as its `Idempotency-Key`, so every
 * try of the same message is recognised by the server.
 */
export const newMessageKey = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`
