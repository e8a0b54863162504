import fs from 'node:fs'
import path from 'node:path'

/** One leaf of a MIME message: its content type and its decoded text. */
export type MailPart = { type: string; body: string }

/** A message the file transport wrote, its headers (lower-case names) and its leaf parts. */
export type ParsedMail = {
  headers: Record<string, string>
  /** The top-level content type without parameters, e.g. `multipart/alternative`. */
  type: string
  parts: MailPart[]
}

const splitHead = (raw: string): { head: string; body: string } => {
  const at = raw.search(/\r?\n\r?\n/)
  if (at === -1) return { head: raw, body: '' }
  const gap = raw.slice(at).match(/^\r?\n\r?\n/)![0]
  return { head: raw.slice(0, at), body: raw.slice(at + gap.length) }
}

const decodeQuotedPrintable = (text: string): string =>
  text.replace(/=\r?\n/g, '').replace(/(=[0-9A-Fa-f]{2})+/g, (run) =>
    Buffer.from(
      run
        .split('=')
        .slice(1)
        .map((hex) => parseInt(hex, 16)),
    ).toString('utf8'),
  )

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as a subject with “ and ū has them. */
const decodeWords = (value: string): string =>
  value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_word, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )

const parseHeaders = (head: string): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim())
    }
  }
  return headers
}

const decodeBody = (body: string, encoding = ''): string => {
  if (/^base64$/i.test(encoding))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (/^quoted-printable$/i.test(encoding)) return decodeQuotedPrintable(body)
  return body
}

const leaves = (headers: Record<string, string>, body: string): MailPart[] => {
  const contentType = headers['content-type'] ?? 'text/plain'
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  if (!type.startsWith('multipart/')) {
    return [{ type, body: decodeBody(body, headers['content-transfer-encoding']) }]
  }
  const boundary = contentType.match(/boundary="?([^";]+)"?/i)?.[1]
  if (!boundary) return []
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => {
      const { head, body: inner } = splitHead(chunk.replace(/^\r?\n/, ''))
      return leaves(parseHeaders(head), inner.replace(/\r?\n$/, ''))
    })
}

/** Reads one .eml as a mail client would: headers unfolded, each part decoded. */
export const parseMail = (raw: string): ParsedMail => {
  const { head, body } = splitHead(raw)
  const headers = parseHeaders(head)
  const type = (headers['content-type'] ?? 'text/plain').split(';')[0]!.trim().toLowerCase()
  return { headers, type, parts: leaves(headers, body) }
}

/** Every message the file transport wrote for `to`, parsed, oldest first. */
export const parsedMailsTo = (mailDir: string, to: string): ParsedMail[] => {
  if (!fs.existsSync(mailDir)) return []
  const safeTo = to.replace(/[^a-zA-Z0-9@._-]+/g, '_')
  return fs
    .readdirSync(mailDir)
    .filter((file) => file.includes(safeTo))
    .sort()
    .map((file) => parseMail(fs.readFileSync(path.join(mailDir, file), 'utf8')))
}

/** The body of the message's part of this type (`text/plain`, `text/html`), or null. */
export const partOf = (mail: ParsedMail, type: string): string | null =>
  mail.parts.find((part) => part.type === type)?.body ?? null
