import { createHash } from 'node:crypto'
import { once } from 'node:events'
import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'

import { BackupError } from './manifest'

/**
 * A backup is one gzipped tar file (POSIX ustar with pax headers for long names), so an operator
 * can list or unpack it with `tar` on any machine. Written and read as streams: media of any
 * size pass through without being held in memory. Only regular files are written.
 */

const BLOCK = 512
const USTAR_NAME = 100
// 11 octal digits: anything larger goes in a pax `size` record.
const USTAR_MAX_SIZE = 0o77777777777

export type ArchiveDigest = { bytes: number; sha256: string }

export type ArchiveEntry = {
  name: string
  size: number
  /** The entry's content; whatever the reader does not consume is skipped. */
  body: AsyncIterable<Buffer>
}

/** A refusal like any other: the scripts print its message alone. */
export class ArchiveFormatError extends BackupError {
  constructor(file: string, reason: string) {
    super(`${file} is not a readable backup archive: ${reason}`)
    this.name = 'ArchiveFormatError'
  }
}

const octal = (value: number, width: number) =>
  `${Math.floor(value)
    .toString(8)
    .padStart(width - 1, '0')}\0`

const header = (name: string, size: number, mtime: number, type: '0' | 'x'): Buffer => {
  const block = Buffer.alloc(BLOCK)
  block.write(name, 0, USTAR_NAME, 'utf8')
  block.write(octal(0o644, 8), 100, 'ascii')
  block.write(octal(0, 8), 108, 'ascii')
  block.write(octal(0, 8), 116, 'ascii')
  block.write(octal(size, 12), 124, 'ascii')
  block.write(octal(mtime, 12), 136, 'ascii')
  block.write(' '.repeat(8), 148, 'ascii')
  block.write(type, 156, 'ascii')
  block.write('ustar\u000000', 257, 'ascii')
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii')
  return block
}

/** One pax record, `<length> <key>=<value>\n`, where the length counts itself. */
const paxRecord = (key: string, value: string) => {
  const rest = ` ${key}=${value}\n`
  let length = Buffer.byteLength(rest)
  while (String(length).length + Buffer.byteLength(rest) !== length) {
    length = String(length).length + Buffer.byteLength(rest)
  }
  return `${length}${rest}`
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)

export type ArchiveWriter = {
  /** Adds a file of exactly `size` bytes; refuses a source that turns out longer or shorter. */
  add: (
    name: string,
    size: number,
    body: AsyncIterable<Buffer> | Iterable<Buffer>,
  ) => Promise<ArchiveDigest>
  /** Ends the archive and answers the digest of the compressed file. */
  finish: () => Promise<ArchiveDigest>
  abort: () => void
}

export const createArchiveWriter = (file: string): ArchiveWriter => {
  const gzip = createGzip({ level: 6 })
  const digest = createHash('sha256')
  let compressed = 0
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      digest.update(chunk)
      compressed += chunk.length
      callback(null, chunk)
    },
  })
  const written = pipeline(gzip, measure, fs.createWriteStream(file))
  // Surfaced by `finish`; until then a failed disk shows up as writes that reject.
  written.catch(() => undefined)

  const write = async (chunk: Buffer) => {
    if (!gzip.write(chunk)) await once(gzip, 'drain')
  }

  return {
    add: async (name, size, body) => {
      const needsPax =
        Buffer.byteLength(name) > USTAR_NAME ||
        !/^[\x20-\x7e]*$/.test(name) ||
        size > USTAR_MAX_SIZE
      const mtime = Date.now() / 1000
      if (needsPax) {
        const records = Buffer.from(
          paxRecord('path', name) + (size > USTAR_MAX_SIZE ? paxRecord('size', String(size)) : ''),
        )
        await write(header('PaxHeader', records.length, mtime, 'x'))
        await write(records)
        await write(padding(records.length))
      }
      const asciiName = needsPax ? name.replace(/[^\x20-\x7e]/g, '_').slice(-USTAR_NAME) : name
      await write(header(asciiName, size > USTAR_MAX_SIZE ? 0 : size, mtime, '0'))
      const hash = createHash('sha256')
      let bytes = 0
      for await (const chunk of body) {
        bytes += chunk.length
        if (bytes > size) break
        hash.update(chunk)
        await write(chunk)
      }
      if (bytes !== size) {
        throw new Error(`${name} changed while it was being archived (${bytes} of ${size} bytes)`)
      }
      await write(padding(size))
      return { bytes, sha256: hash.digest('hex') }
    },
    finish: async () => {
      // The end of a tar archive: two empty blocks.
      await write(Buffer.alloc(BLOCK * 2))
      gzip.end()
      await written
      return { bytes: compressed, sha256: digest.digest('hex') }
    },
    abort: () => gzip.destroy(),
  }
}

/** Exact reads over a stream of chunks of any size. */
class ByteReader {
  private chunks: Buffer[] = []
  private length = 0

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(wanted: number): Promise<void> {
    while (this.length < wanted) {
      const next = await this.source.next()
      if (next.done) return
      this.chunks.push(next.value)
      this.length += next.value.length
    }
  }

  /** Up to `wanted` bytes, fewer only at the end of the stream. */
  async read(wanted: number): Promise<Buffer> {
    await this.fill(wanted)
    const all = Buffer.concat(this.chunks)
    const taken = all.subarray(0, wanted)
    this.chunks = all.length > wanted ? [all.subarray(wanted)] : []
    this.length = all.length - taken.length
    return taken
  }

  /** The next `count` bytes as they arrive, without gathering them. */
  async *stream(count: number): AsyncGenerator<Buffer> {
    let left = count
    while (left > 0) {
      if (this.length === 0) await this.fill(1)
      const chunk = this.chunks.shift()
      if (!chunk) return
      const taken = chunk.subarray(0, left)
      if (chunk.length > left) this.chunks.unshift(chunk.subarray(left))
      this.length -= taken.length
      left -= taken.length
      yield taken
    }
  }
}

const text = (block: Buffer, start: number, length: number) => {
  const field = block.subarray(start, start + length)
  const end = field.indexOf(0)
  return field.subarray(0, end === -1 ? length : end).toString('utf8')
}

const parseOctal = (block: Buffer, start: number, length: number) =>
  Number.parseInt(text(block, start, length).trim() || '0', 8)

const parsePax = (records: string): Record<string, string> => {
  const values: Record<string, string> = {}
  let rest = Buffer.from(records)
  while (rest.length > 0) {
    const space = rest.indexOf(0x20)
    const length = Number.parseInt(rest.subarray(0, space).toString('ascii'), 10)
    if (!Number.isInteger(length) || length <= space) break
    const record = rest.subarray(space + 1, length - 1).toString('utf8')
    const equals = record.indexOf('=')
    values[record.slice(0, equals)] = record.slice(equals + 1)
    rest = rest.subarray(length)
  }
  return values
}

/** Calls `onEntry` for each regular file in the archive, in order. */
export const readArchive = async (
  file: string,
  onEntry: (entry: ArchiveEntry) => Promise<void>,
): Promise<void> => {
  const gunzip = createGunzip()
  const piped = pipeline(fs.createReadStream(file), gunzip)
  piped.catch(() => undefined)
  const reader = new ByteReader(gunzip[Symbol.asyncIterator]())
  let pax: Record<string, string> = {}
  try {
    for (;;) {
      const block = await reader.read(BLOCK)
      if (block.length < BLOCK) throw new ArchiveFormatError(file, 'it ends part-way')
      if (block.every((byte) => byte === 0)) break
      const stored = parseOctal(block, 148, 8)
      block.write(' '.repeat(8), 148, 'ascii')
      let sum = 0
      for (const byte of block) sum += byte
      if (sum !== stored) throw new ArchiveFormatError(file, 'a header is damaged')

      const type = text(block, 156, 1) || '0'
      const prefix = text(block, 345, 155)
      const name = pax.path ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100))
      const size = pax.size ? Number(pax.size) : parseOctal(block, 124, 12)
      pax = {}
      if (type === 'x') {
        pax = parsePax((await reader.read(size)).toString('utf8'))
      } else {
        let left = size
        const body = async function* () {
          for await (const chunk of reader.stream(left)) {
            left -= chunk.length
            yield chunk
          }
          if (left > 0) throw new ArchiveFormatError(file, 'it ends part-way')
        }
        if (type === '0') await onEntry({ name, size, body: body() })
        // Whatever the consumer left unread (and any other entry type) is skipped.
        for await (const chunk of body()) void chunk
      }
      await reader.read(padding(size).length)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
      throw new ArchiveFormatError(file, 'it is not gzip data, or the data is damaged')
    }
    throw error
  } finally {
    gunzip.destroy()
  }
}
