import type { PayloadRequest } from 'payload'
import { removeExpiredSessions } from 'payload/shared'

import { slugs } from '@/collections/slugs'

/** An access token lives an hour; the site and the admin refresh it while someone is active. */
export const ACCESS_TOKEN_SECONDS = 60 * 60
/** However active, a sign-in lasts at most this long; then the password (and code) again. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000
/** A sixth sign-in ends the oldest session. */
export const MAX_SESSIONS = 5

type StoredSession = { id: string; createdAt: string | Date; expiresAt: string | Date }
export type SessionDetail = { userAgent?: string | null; lastSeenAt?: string | null }
type SessionRow = {
  id: number
  sessions?: StoredSession[] | null
  sessionDetails?: Record<string, SessionDetail> | null
}

export type ActiveSession = {
  id: string
  device: string
  createdAt: string | null
  lastSeenAt: string | null
  current: boolean
}

/** The session id a token of ours carries (we signed it moments ago, so no need to verify). */
export const sessionIdOfToken = (token: string | undefined): string | undefined => {
  try {
    const claims = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString())
    return typeof claims.sid === 'string' ? claims.sid : undefined
  } catch {
    return undefined
  }
}

const time = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : 0)
const iso = (value: string | Date | null | undefined) =>
  value ? new Date(value).toISOString() : null

// System reads and writes: `sessions` cannot be written through the API, and the details are hidden.
const loadRow = async (req: PayloadRequest, userId: number | string) =>
  (await req.payload.db.findOne({
    collection: slugs.users,
    req,
    where: { id: { equals: userId } },
  })) as SessionRow | null

/**
 * Writing the `sessions` array rewrites the whole row (the adapter upserts it), so the row as
 * read goes back with it, as Payload's own session code does; `updatedAt: null` keeps the
 * account's "last changed" as it was.
 */
const saveRow = async (
  req: PayloadRequest,
  row: SessionRow,
  sessions: StoredSession[],
  details: Record<string, SessionDetail>,
) => {
  const kept = Object.fromEntries(
    Object.entries(details).filter(([sid]) => sessions.some((session) => session.id === sid)),
  )
  await req.payload.db.updateOne({
    collection: slugs.users,
    id: row.id,
    data: { ...row, updatedAt: null, sessions, sessionDetails: kept },
    req,
    returning: false,
  })
}

/**
 * A session has just started: note the browser it started in, and end the oldest sessions
 * beyond the fifth so a forgotten laptop does not stay signed in for ever.
 */
export const recordNewSession = async (
  req: PayloadRequest,
  userId: number | string,
  sid: string,
): Promise<void> => {
  const row = await loadRow(req, userId)
  if (!row) return
  const sessions = removeExpiredSessions(row.sessions ?? []) as StoredSession[]
  const others = sessions
    .filter((session) => session.id !== sid)
    .sort((a, b) => time(b.createdAt) - time(a.createdAt))
    .slice(0, MAX_SESSIONS - 1)
  const current = sessions.filter((session) => session.id === sid)
  const now = new Date().toISOString()
  await saveRow(req, row, [...others.reverse(), ...current], {
    ...(row.sessionDetails ?? {}),
    [sid]: { userAgent: req.headers?.get('user-agent')?.slice(0, 400) ?? null, lastSeenAt: now },
  })
}

/** The session was used (its token refreshed): "last seen" on the account page. */
export const touchSession = async (req: PayloadRequest, userId: number | string, sid: string) => {
  const row = await loadRow(req, userId)
  if (!row) return
  const details = row.sessionDetails ?? {}
  // Only the details change: written alone, so a change made meanwhile (a two-factor
  // enrolment started) is not overwritten with the row as it was read.
  await req.payload.db.updateOne({
    collection: slugs.users,
    id: row.id,
    data: {
      updatedAt: null,
      sessionDetails: {
        ...details,
        [sid]: { ...details[sid], lastSeenAt: new Date().toISOString() },
      },
    },
    req,
    returning: false,
  })
}

/** True when refreshing would carry the session past 30 days from its sign-in. */
export const sessionTooOld = async (req: PayloadRequest, userId: number | string, sid: string) => {
  const row = await loadRow(req, userId)
  const session = row?.sessions?.find((entry) => entry.id === sid)
  if (!session?.createdAt) return false
  return Date.now() + ACCESS_TOKEN_SECONDS * 1000 > time(session.createdAt) + SESSION_MAX_AGE_MS
}

export const listSessions = async (
  req: PayloadRequest,
  userId: number | string,
  currentSid: string | undefined,
): Promise<ActiveSession[]> => {
  const row = await loadRow(req, userId)
  const details = row?.sessionDetails ?? {}
  return (removeExpiredSessions(row?.sessions ?? []) as StoredSession[])
    .map((session) => ({
      id: session.id,
      device: describeDevice(details[session.id]?.userAgent),
      createdAt: iso(session.createdAt),
      lastSeenAt: details[session.id]?.lastSeenAt ?? iso(session.createdAt),
      current: session.id === currentSid,
    }))
    .sort(
      (a, b) => Number(b.current) - Number(a.current) || time(b.lastSeenAt) - time(a.lastSeenAt),
    )
}

/** Ends one of the account's sessions; its token stops working at once. */
export const endSession = async (req: PayloadRequest, userId: number | string, sid: string) => {
  const row = await loadRow(req, userId)
  if (!row) return
  await saveRow(
    req,
    row,
    (row.sessions ?? []).filter((session) => session.id !== sid),
    row.sessionDetails ?? {},
  )
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser/, 'Samsung Internet'],
  [/Firefox\/|FxiOS/, 'Firefox'],
  [/Chrome\/|CriOS|Chromium/, 'Chrome'],
  [/Safari\//, 'Safari'],
]
const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

/** "Chrome on Android": enough to recognise a device, from the user agent it signed in with. */
export const describeDevice = (userAgent: string | null | undefined): string => {
  if (!userAgent) return 'Unknown device'
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1]
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1]
  if (browser && system) return `${browser} on ${system}`
  return browser ?? system ?? (userAgent.split(/[ /]/)[0] || 'Unknown device')
}
