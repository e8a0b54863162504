import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, Where } from 'payload'

import { checkRole } from '@/access/roles'
import { writingAs } from '@/access/writers'
import { slugs } from '@/collections/slugs'
import { findVisible, signedIn as requireSignIn } from '@/lib/kit/endpoint'
import { invalidInput, RequestError } from '@/lib/kit/errors'
import { idOf } from '@/lib/kit/ids'
import { inTransaction, transactionDb } from '@/lib/kit/transaction'
import type { Message, Thread, User } from '@/payload-types'
import { consumeLimit } from '@/plugins/rateLimits'
import { publish, threadChannel, userChannel } from '@/plugins/realtime'

import { EDIT_WINDOW_MS, hasContactDetails, MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH } from './rules'

const signedIn = (req: PayloadRequest): User =>
  requireSignIn(req, 'Sign in to send and read messages.')

/** The side of a thread `user` is on; admins read threads but speak on neither side. */
const sideOf = (thread: Thread, user: User): 'organizer' | 'vendor' | null =>
  idOf(thread.organizer) === user.id
    ? 'organizer'
    : idOf(thread.vendorOwner) === user.id
      ? 'vendor'
      : null

/** A thread the caller may read: a thread they are not in is a 404, like one that does not exist. */
export const readThread = (req: PayloadRequest, id: number): Promise<Thread> =>
  findVisible(req, slugs.threads, id, 'Conversation not found.')

type MessageInput = { body?: unknown; attachments?: unknown }

/** Text (trimmed, 1–5,000 characters unless files are attached) and up to five attachment ids. */
const messageFields = (input: MessageInput) => {
  const known = new Set(['body', 'attachments', 'vendor', 'job'])
  const unknown = Object.keys(input).filter((key) => !known.has(key))
  if (unknown.length) throw invalidInput(unknown[0]!, `Unknown field "${unknown[0]}".`)
  if (input.body != null && typeof input.body !== 'string')
    throw invalidInput('body', 'The message must be text.')
  const body = ((input.body as string | undefined) ?? '').trim()
  const attachments = input.attachments ?? []
  if (
    !Array.isArray(attachments) ||
    attachments.length > MAX_ATTACHMENTS ||
    !attachments.every((id) => Number.isInteger(id))
  ) {
    throw invalidInput('attachments', `Attach up to ${MAX_ATTACHMENTS} files by their ids.`)
  }
  if (!body && attachments.length === 0)
    throw invalidInput('body', 'Write a message or attach a file.')
  if (body.length > MAX_MESSAGE_LENGTH) {
    throw invalidInput(
      'body',
      `Keep a message to ${MAX_MESSAGE_LENGTH.toLocaleString('en-NZ')} characters (this one has ${body.length.toLocaleString('en-NZ')}).`,
    )
  }
  return { body, attachments: attachments as number[] }
}

/** Messages an hour per person (the rate-limit table), shared by every app instance. */
const checkRateLimit = (req: PayloadRequest, user: User) =>
  consumeLimit(req.payload, 'messages', [`user:${user.id}`])

/** Attachments must be files this person uploaded to this thread (and not used yet elsewhere). */
const checkAttachments = async (req: PayloadRequest, thread: Thread, ids: number[]) => {
  if (!ids.length) return
  const { docs } = await req.payload.find({
    collection: slugs.messageAttachments,
    where: {
      and: [
        { id: { in: ids } },
        { thread: { equals: thread.id } },
        { uploader: { equals: req.user!.id } },
      ],
    },
    depth: 0,
    pagination: false,
    user: req.user,
    overrideAccess: false,
    req,
  })
  if (docs.length !== new Set(ids).size)
    throw invalidInput('attachments', 'Attach files you uploaded to this conversation.')
}

/**
 * The thread's last message and the recipient's unread count, in one statement in the
 * message's transaction: an increment in SQL, so two messages at once both count.
 */
const bumpThread = async (
  req: PayloadRequest,
  threadId: number,
  unreadColumn: 'organizer_unread' | 'vendor_unread',
  at: string,
  text: string,
) => {
  const db = await transactionDb(req)
  await db.execute(sql`
    UPDATE threads SET last_message_at = ${at}, last_message_preview = ${text},
      ${sql.raw(unreadColumn)} = coalesce(${sql.raw(unreadColumn)}, 0) + 1, updated_at = now()
    WHERE id = ${threadId}`)
}

const preview = (message: { body?: string | null; attachments?: unknown[] | null }) =>
  message.body ? message.body.slice(0, 140) : `📎 ${message.attachments?.length ?? 0} file(s)`

/**
 * After an edit or a take-back, the thread's preview follows its newest remaining message, so
 * words the sender took back do not stay on the other side's inbox.
 */
const refreshPreview = async (req: PayloadRequest, threadId: number) => {
  // System read: the preview is the thread's own bookkeeping, shown through its masking hook.
  const { docs } = await req.payload.find({
    collection: slugs.messages,
    where: { and: [{ thread: { equals: threadId } }, { deletedAt: { exists: false } }] },
    sort: '-createdAt',
    limit: 1,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const latest = docs[0]
  const db = await transactionDb(req)
  await db.execute(sql`
    UPDATE threads SET last_message_preview = ${latest ? preview(latest) : null}
    WHERE id = ${threadId}`)
}

/**
 * Sends a message: stored, the thread's counters moved and the realtime events written, all in
 * one transaction. (Unread reminders are swept by a scheduled task.)
 */
/** The `Idempotency-Key` header: letters, digits and `._:-`, 8–100 characters; null when absent. */
export const idempotencyKey = (req: PayloadRequest): string | null => {
  const key = req.headers.get('idempotency-key')
  if (key === null) return null
  if (!/^[A-Za-z0-9._:-]{8,100}$/.test(key)) {
    throw invalidInput(
      'Idempotency-Key',
      'The Idempotency-Key header must be 8 to 100 letters, digits or . _ : -',
    )
  }
  return key
}

/**
 * Sends a message. With an `Idempotency-Key` (the site's own offline outbox sends one), a
 * second send with the same key, after an answer that never arrived, returns the message the
 * first one made (`replayed: true`) instead of posting it twice.
 */
export const sendMessage = async (
  req: PayloadRequest,
  threadId: number,
  input: MessageInput,
  clientKey: string | null = null,
): Promise<{ message: Message; replayed: boolean }> => {
  const user = signedIn(req)
  const fields = messageFields(input)
  return inTransaction(req, async () => {
    const thread = await readThread(req, threadId)
    const side = sideOf(thread, user)
    if (!side)
      throw new RequestError(
        403,
        'FORBIDDEN',
        'Only the two people in a conversation can write in it.',
      )
    if (clientKey) {
      const { docs } = await req.payload.find({
        collection: slugs.messages,
        where: { and: [{ sender: { equals: user.id } }, { clientKey: { equals: clientKey } }] },
        limit: 1,
        pagination: false,
        depth: 0,
        user,
        overrideAccess: false,
        req,
      })
      const earlier = docs[0]
      if (earlier) {
        if (idOf(earlier.thread) !== thread.id) {
          throw new RequestError(
            409,
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used for a message in another conversation.',
          )
        }
        return { message: earlier, replayed: true }
      }
    }
    await checkRateLimit(req, user)
    await checkAttachments(req, thread, fields.attachments)
    const message = await req.payload.create({
      collection: slugs.messages,
      data: {
        thread: thread.id,
        sender: user.id,
        body: fields.body || null,
        attachments: fields.attachments,
        flagged: hasContactDetails(fields.body),
        organizer: idOf(thread.organizer),
        vendorOwner: idOf(thread.vendorOwner),
        clientKey,
      },
      depth: 0,
      user,
      overrideAccess: false,
      context: writingAs('messaging'),
      req,
    })
    await bumpThread(
      req,
      thread.id,
      side === 'organizer' ? 'vendor_unread' : 'organizer_unread',
      message.createdAt,
      preview(message),
    )
    const recipient = side === 'organizer' ? idOf(thread.vendorOwner) : idOf(thread.organizer)
    await publish(req, [threadChannel(thread.id), userChannel(recipient)], 'message.created', {
      threadId: thread.id,
      messageId: message.id,
      senderId: user.id,
      sentAt: new Date().toISOString(),
    })
    return { message, replayed: false }
  })
}

/**
 * Starts (or reopens) the conversation between an organizer and a vendor: an organizer names
 * the vendor; a vendor names a job they quoted on, and talks to its organizer.
 */
export const startThread = async (
  req: PayloadRequest,
  input: MessageInput & { vendor?: unknown; job?: unknown },
) => {
  const user = signedIn(req)
  // Opening a conversation may come without a first message ("Message this vendor").
  const hasContent = input.body != null || input.attachments != null
  if (hasContent) messageFields(input)
  if (input.vendor != null && Number.isInteger(Number(input.vendor))) {
    // System read: whose business this is decides whether the caller is messaging themselves.
    const own = await req.payload.findByID({
      collection: slugs.vendors,
      id: Number(input.vendor),
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (own && idOf(own.owner) === user.id)
      throw invalidInput('vendor', 'You cannot start a conversation with yourself.')
  }
  const jobId = input.job == null ? null : Number(input.job)
  if (jobId !== null && !Number.isInteger(jobId)) throw invalidInput('job', 'job must be a job id.')
  let organizerId: number
  let vendorId: number
  let vendorOwnerId: number
  let organizerName = ''
  if (checkRole(['organizer'], user)) {
    const wanted = Number(input.vendor)
    if (!Number.isInteger(wanted))
      throw invalidInput('vendor', 'Say which vendor to message (vendor id).')
    const vendor = await req.payload.findByID({
      collection: slugs.vendors,
      id: wanted,
      depth: 0,
      user,
      overrideAccess: false,
      disableErrors: true,
      req,
    })
    if (!vendor) throw new RequestError(404, 'NOT_FOUND', 'Vendor not found.')
    // System read: the vendor's owner is private, but a conversation needs to know who answers.
    const owned = await req.payload.findByID({
      collection: slugs.vendors,
      id: wanted,
      depth: 0,
      overrideAccess: true,
      req,
    })
    organizerId = user.id
    organizerName = `${user.firstName} ${user.lastName.slice(0, 1)}.`
    vendorId = vendor.id
    vendorOwnerId = idOf(owned.owner)
  } else if (checkRole(['vendor'], user)) {
    if (jobId === null)
      throw invalidInput('job', 'Vendors start a conversation from a job they quoted on (job id).')
    const { docs } = await req.payload.find({
      collection: slugs.applications,
      where: { and: [{ job: { equals: jobId } }, { vendorOwner: { equals: user.id } }] },
      limit: 1,
      pagination: false,
      depth: 0,
      user,
      overrideAccess: false,
      req,
    })
    const quote = docs[0]
    if (!quote)
      throw new RequestError(
        403,
        'FORBIDDEN',
        'You can message an organizer about a job you quoted on.',
      )
    organizerId = idOf(quote.organizer)
    // System read: the organizer's name as the vendor will see it (first name and initial).
    const person = await req.payload.findByID({
      collection: slugs.users,
      id: organizerId,
      depth: 0,
      overrideAccess: true,
      req,
    })
    organizerName = `${person.firstName} ${person.lastName.slice(0, 1)}.`
    vendorId = idOf(quote.vendor)
    vendorOwnerId = user.id
  } else {
    throw new RequestError(403, 'FORBIDDEN', 'Conversations are between organizers and vendors.')
  }
  if (!vendorOwnerId || organizerId === vendorOwnerId)
    throw invalidInput('vendor', 'You cannot start a conversation with yourself.')
  return inTransaction(req, async () => {
    const where: Where = {
      and: [{ organizer: { equals: organizerId } }, { vendor: { equals: vendorId } }],
    }
    const { docs } = await req.payload.find({
      collection: slugs.threads,
      where,
      limit: 1,
      pagination: false,
      depth: 0,
      user,
      overrideAccess: false,
      req,
    })
    const thread =
      docs[0] ??
      (await req.payload.create({
        collection: slugs.threads,
        data: {
          organizer: organizerId,
          organizerName,
          vendor: vendorId,
          vendorOwner: vendorOwnerId,
          job: jobId ?? undefined,
        },
        depth: 0,
        user,
        overrideAccess: false,
        context: writingAs('messaging'),
        req,
      }))
    const message = hasContent
      ? (await sendMessage(req, thread.id, { body: input.body, attachments: input.attachments }))
          .message
      : null
    return { thread: await readThread(req, thread.id), message }
  })
}

/** Messages of a thread, oldest first: the newest page, or those after a message id (catching up). */
export const listMessages = async (
  req: PayloadRequest,
  threadId: number,
  { after, before, limit = 50 }: { after?: number; before?: number; limit?: number },
) => {
  signedIn(req)
  const thread = await readThread(req, threadId)
  const and: Where[] = [{ thread: { equals: thread.id } }]
  if (after) and.push({ id: { greater_than: after } })
  if (before) and.push({ id: { less_than: before } })
  const { docs, hasNextPage } = await req.payload.find({
    collection: slugs.messages,
    where: { and },
    sort: after ? 'id' : '-id',
    limit: Math.min(Math.max(limit, 1), 100),
    depth: 1,
    user: req.user,
    overrideAccess: false,
    req,
  })
  return { thread, messages: after ? docs : docs.reverse(), hasMore: hasNextPage }
}

/** Marks everything the caller received in a thread as read, and tells the sender ("seen"). */
export const markThreadRead = async (req: PayloadRequest, threadId: number) => {
  const user = signedIn(req)
  return inTransaction(req, async () => {
    const thread = await readThread(req, threadId)
    const side = sideOf(thread, user)
    if (!side) return thread
    const now = new Date().toISOString()
    const { docs } = await req.payload.update({
      collection: slugs.messages,
      where: {
        and: [
          { thread: { equals: thread.id } },
          { sender: { not_equals: user.id } },
          { readAt: { exists: false } },
        ],
      },
      data: { readAt: now },
      depth: 0,
      user,
      overrideAccess: false,
      context: writingAs('messaging'),
      req,
    })
    const updated = await req.payload.update({
      collection: slugs.threads,
      id: thread.id,
      data: { [side === 'organizer' ? 'organizerUnread' : 'vendorUnread']: 0 },
      depth: 0,
      user,
      overrideAccess: false,
      context: writingAs('messaging'),
      req,
    })
    if (docs.length) {
      await publish(req, [threadChannel(thread.id)], 'message.read', {
        threadId: thread.id,
        readerId: user.id,
        upTo: Math.max(...docs.map((doc) => doc.id)),
        readAt: now,
      })
    }
    return updated
  })
}

/** Marks one received message as read (and the thread's counter down by one). */
export const markMessageRead = async (req: PayloadRequest, messageId: number) => {
  const user = signedIn(req)
  const message = await readMessage(req, messageId)
  if (idOf(message.sender) === user.id)
    throw new RequestError(409, 'OWN_MESSAGE', 'You wrote this message.')
  return markThreadRead(req, idOf(message.thread))
}

const readMessage = (req: PayloadRequest, id: number): Promise<Message> =>
  findVisible(req, slugs.messages, id, 'Message not found.')

/** The sender fixes (`body`) or takes back (`null`) a message within 15 minutes of sending it. */
export const changeMessage = async (
  req: PayloadRequest,
  id: number,
  input: { body?: unknown } | null,
) => {
  const user = signedIn(req)
  return inTransaction(req, async () => {
    const message = await readMessage(req, id)
    if (idOf(message.sender) !== user.id)
      throw new RequestError(403, 'FORBIDDEN', 'You can only change your own messages.')
    if (message.deletedAt) throw new RequestError(409, 'DELETED', 'This message was deleted.')
    if (Date.now() - new Date(message.createdAt).getTime() > EDIT_WINDOW_MS) {
      throw new RequestError(
        409,
        'EDIT_WINDOW_PASSED',
        'Messages can be changed for 15 minutes after sending.',
      )
    }
    const now = new Date().toISOString()
    const data = input
      ? (() => {
          const { body } = messageFields({
            body: input.body,
            attachments: message.attachments?.length ? [0] : [],
          })
          if (!body) throw invalidInput('body', 'Write the new text, or delete the message.')
          return { body, editedAt: now, flagged: hasContactDetails(body) }
        })()
      : { body: null, attachments: [], deletedAt: now, flagged: false }
    const updated = await req.payload.update({
      collection: slugs.messages,
      id,
      data,
      depth: 0,
      user,
      overrideAccess: false,
      context: writingAs('messaging'),
      req,
    })
    await refreshPreview(req, idOf(message.thread))
    await publish(
      req,
      threadChannel(idOf(message.thread)),
      input ? 'message.edited' : 'message.deleted',
      {
        threadId: idOf(message.thread),
        messageId: id,
      },
    )
    return updated
  })
}

/** The caller's conversations, most recent first, with their unread counts. */
export const listThreads = async (req: PayloadRequest) => {
  const user = signedIn(req)
  const { docs } = await req.payload.find({
    collection: slugs.threads,
    where: { or: [{ organizer: { equals: user.id } }, { vendorOwner: { equals: user.id } }] },
    sort: '-lastMessageAt',
    limit: 100,
    depth: 1,
    user,
    overrideAccess: false,
    req,
  })
  return docs.map((thread) => ({
    ...thread,
    unread: sideOf(thread, user) === 'organizer' ? thread.organizerUnread : thread.vendorUnread,
  }))
}
