import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Pool } from 'pg'

import { type ArchiveDigest, createArchiveWriter, readArchive } from './archive'
import { beginLoad, dumpDatabase, tablesWithRows } from './database'
import {
  BackupError,
  FORMAT,
  FORMAT_VERSION,
  type FileManifest,
  type Manifest,
  MANIFEST_ENTRY,
  parseManifest,
  type TableManifest,
} from './manifest'
import type { BackupStore } from './media'

export { BackupError, type Manifest } from './manifest'
export { backupStoresFromEnv, localStore, s3Store, type BackupStore } from './media'

const databaseEntry = (table: string) => `database/${table}.ndjson`
const fileEntry = (store: string, key: string) => `files/${store}/${key}`

/** `backups/eventpros-2026-12-04T13-06-57Z.tar.gz`: sortable, and no `:` for other systems. */
export const defaultArchiveName = (now = new Date()) =>
  `eventpros-${now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.tar.gz`

export type BackupOptions = {
  pool: Pool
  stores: BackupStore[]
  /** Where the archive goes; written beside it under a temporary name until complete. */
  file: string
  appVersion: string
  log?: (message: string) => void
}

export type BackupResult = { file: string; manifest: Manifest } & ArchiveDigest

/**
 * The database first (one snapshot), then every store's files: uploads never change under a
 * name once written, so each file a backed-up row names is in the archive, unless it was
 * deleted while the backup ran. Files uploaded meanwhile come along unreferenced, harmlessly.
 */
export const createBackup = async ({
  pool,
  stores,
  file,
  appVersion,
  log = () => undefined,
}: BackupOptions): Promise<BackupResult> => {
  const target = path.resolve(file)
  for (const store of stores) {
    if (!store.location.startsWith('s3://') && isInside(store.location, target)) {
      throw new BackupError(`The archive must not be written inside ${store.location}.`)
    }
  }
  await fs.promises.mkdir(path.dirname(target), { recursive: true })
  const staging = await fs.promises.mkdtemp(path.join(path.dirname(target), '.backup-'))
  const partial = path.join(staging, path.basename(target))
  const writer = createArchiveWriter(partial)
  try {
    const client = await pool.connect()
    let dump
    try {
      dump = await dumpDatabase(client, staging)
    } finally {
      client.release()
    }
    const rows = dump.tables.reduce((sum, table) => sum + table.rows, 0)
    log(`Dumped ${dump.tables.length} tables (${rows} rows) from one snapshot`)

    const tables: TableManifest[] = []
    for (const table of dump.tables) {
      const entry = databaseEntry(table.name)
      const { size } = await fs.promises.stat(table.file)
      const digest = await writer.add(entry, size, fs.createReadStream(table.file))
      await fs.promises.rm(table.file)
      tables.push({ name: table.name, entry, columns: table.columns, rows: table.rows, ...digest })
    }

    const files: FileManifest[] = []
    for (const store of stores) {
      let count = 0
      for await (const stored of store.list()) {
        const { body, meta } = await store.open(stored)
        const entry = fileEntry(store.name, stored.key)
        const digest = await writer.add(entry, stored.size, body)
        files.push({ store: store.name, key: stored.key, entry, ...meta, ...digest })
        count++
      }
      log(`Archived ${count} files from ${store.location}`)
    }

    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      appVersion,
      migration: dump.migration,
      database: { serverVersion: dump.serverVersion, tables, sequences: dump.sequences },
      stores: Object.fromEntries(stores.map((store) => [store.name, store.location])),
      files,
    }
    const json = Buffer.from(JSON.stringify(manifest, null, 2))
    await writer.add(MANIFEST_ENTRY, json.length, [json])
    const digest = await writer.finish()
    await fs.promises.rename(partial, target)
    return { file: target, manifest, ...digest }
  } catch (error) {
    writer.abort()
    throw error
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true })
  }
}

const isInside = (parent: string, child: string) =>
  child === parent || child.startsWith(parent + path.sep)

/**
 * Reads the whole archive and checks every entry against the manifest — each file's size and
 * SHA-256, nothing missing, nothing added — before anything is restored.
 */
export const verifyBackup = async (file: string): Promise<Manifest> => {
  const digests = new Map<string, ArchiveDigest>()
  let manifestJson: string | undefined
  await readArchive(file, async (entry) => {
    if (digests.has(entry.name)) {
      throw new BackupError(`The archive holds ${entry.name} twice.`)
    }
    const hash = createHash('sha256')
    const chunks: Buffer[] = []
    for await (const chunk of entry.body) {
      hash.update(chunk)
      if (entry.name === MANIFEST_ENTRY) chunks.push(chunk)
    }
    digests.set(entry.name, { bytes: entry.size, sha256: hash.digest('hex') })
    if (entry.name === MANIFEST_ENTRY) manifestJson = Buffer.concat(chunks).toString('utf8')
  })
  if (manifestJson === undefined) {
    throw new BackupError(`${file} has no ${MANIFEST_ENTRY}: it is not a complete backup.`)
  }
  const manifest = parseManifest(manifestJson)
  const expected = [...manifest.database.tables, ...manifest.files]
  const problems: string[] = []
  for (const item of expected) {
    const found = digests.get(item.entry)
    if (!found) problems.push(`${item.entry} is missing`)
    else if (found.bytes !== item.bytes || found.sha256 !== item.sha256) {
      problems.push(`${item.entry} does not match its checksum`)
    }
  }
  const listed = new Set([MANIFEST_ENTRY, ...expected.map((item) => item.entry)])
  for (const name of digests.keys()) {
    if (!listed.has(name)) problems.push(`${name} is not in the manifest`)
  }
  if (problems.length > 0) {
    throw new BackupError(
      `${file} is damaged or was changed after it was made, so nothing was restored: ` +
        `${problems.slice(0, 10).join('; ')}${problems.length > 10 ? '; …' : ''}.`,
    )
  }
  return manifest
}

export type RestoreTarget = { pool: Pool; stores: BackupStore[] }

/**
 * Refuses a target that holds anything: a restore adds an archive to nothing, it never merges
 * or overwrites. A database that does not exist yet counts as empty (Payload creates it).
 */
export const assertRestoreTarget = async ({ pool, stores }: RestoreTarget): Promise<void> => {
  let occupied: string[] = []
  try {
    const client = await pool.connect()
    try {
      occupied = await tablesWithRows(client)
    } finally {
      client.release()
    }
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error
  }
  if (occupied.length > 0) {
    throw new BackupError(
      `The database is not empty (${occupied.slice(0, 5).join(', ')}` +
        `${occupied.length > 5 ? ', …' : ''} have rows). Restore only into a new database, ` +
        'or drop and create this one first.',
    )
  }
  for (const store of stores) {
    if (!(await store.isEmpty())) {
      throw new BackupError(`${store.location} is not empty. Restore only into empty file stores.`)
    }
  }
}

export type RestoreOptions = RestoreTarget & {
  file: string
  /** The manifest `verifyBackup` answered for this file, when it was checked just before. */
  manifest?: Manifest
  log?: (message: string) => void
}

/**
 * Restores a verified archive into an empty database, whose schema the app has just built at
 * the archive's migration, and into empty file stores. All or nothing: the database is
 * committed only once every file is in place, every entry matched its checksum again on the way
 * and every table has the manifest's row count; otherwise it is rolled back and the files
 * written are removed.
 */
export const restoreBackup = async ({
  file,
  pool,
  stores,
  manifest: verified,
  log = () => undefined,
}: RestoreOptions): Promise<Manifest> => {
  const manifest = verified ?? (await verifyBackup(file))
  const storesByName = new Map(stores.map((store) => [store.name, store]))
  for (const name of new Set(manifest.files.map((item) => item.store))) {
    if (!storesByName.has(name)) {
      throw new BackupError(
        `The archive holds files from ${manifest.stores[name] ?? name}, and no such store is ` +
          'configured here (for the bucket: set S3_BUCKET and its keys).',
      )
    }
  }
  await assertRestoreTarget({ pool, stores })

  const tables = new Map(manifest.database.tables.map((table) => [table.entry, table]))
  const files = new Map(manifest.files.map((item) => [item.entry, item]))
  const written: { store: BackupStore; key: string }[] = []
  const client = await pool.connect()
  try {
    const load = await beginLoad(client, manifest)
    await readArchive(file, async (entry) => {
      const expected = tables.get(entry.name) ?? files.get(entry.name)
      if (!expected) return
      // Checked again as it is restored: the file may have changed since it was verified.
      const hash = createHash('sha256')
      const body = (async function* () {
        for await (const chunk of entry.body) {
          hash.update(chunk)
          yield chunk
        }
      })()
      const table = tables.get(entry.name)
      const item = files.get(entry.name)
      if (table) await load.table(table, body)
      else if (item) {
        const store = storesByName.get(item.store)!
        written.push({ store, key: item.key })
        await store.write({ key: item.key, size: item.bytes }, body, {
          contentType: item.contentType,
          cacheControl: item.cacheControl,
        })
      }
      if (hash.digest('hex') !== expected.sha256) {
        throw new BackupError(`${entry.name} changed since the archive was verified.`)
      }
    })
    await load.finish()
    await client.query('COMMIT')
    const rows = manifest.database.tables.reduce((sum, table) => sum + table.rows, 0)
    log(
      `Restored ${manifest.database.tables.length} tables (${rows} rows) and ` +
        `${manifest.files.length} files from a backup of ${manifest.createdAt}`,
    )
    return manifest
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    for (const { store, key } of written) await store.remove(key).catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
