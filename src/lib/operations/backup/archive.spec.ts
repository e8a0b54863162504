import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync, gzipSync } from 'node:zlib'

import { ArchiveFormatError, createArchiveWriter, readArchive } from './archive'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

// Longer than ustar's 100-byte name field, and not ASCII: carried in a pax header.
const LONG_NAME = `files/media/${'Whakatāne-'.repeat(12)}.png`

const write = async (file: string, entries: [string, Buffer][]) => {
  const writer = createArchiveWriter(file)
  for (const [name, data] of entries) await writer.add(name, data.length, [data])
  return writer.finish()
}

const readAll = async (file: string) => {
  const entries: [string, string][] = []
  await readArchive(file, async (entry) => {
    const chunks: Buffer[] = []
    for await (const chunk of entry.body) chunks.push(chunk)
    entries.push([entry.name, Buffer.concat(chunks).toString('utf8')])
  })
  return entries
}

describe('backup archives', () => {
  it('read back the names and bytes written, and any tar lists and unpacks them', async () => {
    const file = path.join(dir, 'a.tar.gz')
    const big = Buffer.alloc(70_000, 'k')
    await write(file, [
      [LONG_NAME, Buffer.from('kia ora')],
      ['database/users.ndjson', big],
      ['manifest.json', Buffer.from('{}')],
    ])
    expect(await readAll(file)).toEqual([
      [LONG_NAME, 'kia ora'],
      ['database/users.ndjson', big.toString('utf8')],
      ['manifest.json', '{}'],
    ])
    const { stdout } = await promisify(execFile)('tar', ['-tzf', file])
    expect(stdout.trim().split('\n')).toEqual([LONG_NAME, 'database/users.ndjson', 'manifest.json'])
    await promisify(execFile)('tar', ['-xzf', file, '-C', dir])
    expect(fs.readFileSync(path.join(dir, LONG_NAME), 'utf8')).toBe('kia ora')
  })

  it('skip what a reader leaves unread and go on to the next entry', async () => {
    const file = path.join(dir, 'a.tar.gz')
    await write(file, [
      ['first', Buffer.alloc(5000, 'a')],
      ['second', Buffer.from('b')],
    ])
    const seen: string[] = []
    await readArchive(file, async (entry) => {
      seen.push(entry.name)
      for await (const chunk of entry.body) {
        void chunk
        break
      }
    })
    expect(seen).toEqual(['first', 'second'])
  })

  it('refuse a source that is not the size announced', async () => {
    const writer = createArchiveWriter(path.join(dir, 'a.tar.gz'))
    await expect(writer.add('short', 10, [Buffer.from('abc')])).rejects.toThrow(
      'short changed while it was being archived (3 of 10 bytes)',
    )
    writer.abort()
  })

  it('refuse an archive cut short, a damaged header and data that is not gzip', async () => {
    const file = path.join(dir, 'a.tar.gz')
    await write(file, [['entry', Buffer.alloc(4000, 'x')]])
    const tar = gunzipSync(fs.readFileSync(file))

    fs.writeFileSync(file, gzipSync(tar.subarray(0, 2048)))
    await expect(readAll(file)).rejects.toThrow(ArchiveFormatError)

    const damaged = Buffer.from(tar)
    damaged[10] = damaged[10]! ^ 0x01
    fs.writeFileSync(file, gzipSync(damaged))
    await expect(readAll(file)).rejects.toThrow('a header is damaged')

    fs.writeFileSync(file, tar)
    await expect(readAll(file)).rejects.toThrow('it is not gzip data')
  })
})
