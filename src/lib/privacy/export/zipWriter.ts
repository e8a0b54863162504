import fs from 'node:fs'

import { Zip, ZipDeflate } from 'fflate'

/**
 * A ZIP written to disk as it is built (fflate's streaming `Zip`): one entry at a time, each
 * compressed chunk written before the next is read, so a large account's files never sit in
 * memory together.
 */
export type ZipWriter = {
  addText: (name: string, text: string) => Promise<void>
  /** Adds a file's bytes as they are read (a file on disk or an object in the bucket). */
  addFile: (name: string, bytes: AsyncIterable<Uint8Array>) => Promise<void>
  /** Writes the central directory and closes the file; its size in bytes. */
  finish: () => Promise<number>
  /** Closes the file without finishing it (the caller deletes it). */
  abort: () => Promise<void>
}

export const openZipWriter = async (filePath: string): Promise<ZipWriter> => {
  // `wx`: a random name that somehow exists already is never overwritten.
  const handle = await fs.promises.open(filePath, 'wx', 0o600)
  const pending: Uint8Array[] = []
  let failure: Error | null = null
  let written = 0
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else pending.push(chunk)
  })
  const flush = async () => {
    while (pending.length > 0) {
      const chunk = pending.shift()!
      await handle.write(chunk)
      written += chunk.length
    }
    if (failure) throw failure
  }
  const entry = (name: string) => {
    const file = new ZipDeflate(name, { level: 6 })
    zip.add(file)
    return file
  }
  return {
    addText: async (name, text) => {
      entry(name).push(new TextEncoder().encode(text), true)
      await flush()
    },
    addFile: async (name, bytes) => {
      const file = entry(name)
      for await (const chunk of bytes) {
        file.push(chunk)
        await flush()
      }
      file.push(new Uint8Array(0), true)
      await flush()
    },
    finish: async () => {
      zip.end()
      await flush()
      await handle.close()
      return written
    },
    abort: async () => {
      zip.terminate()
      await handle.close().catch(() => undefined)
    },
  }
}
