import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync, gzipSync } from 'node:zlib'

import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import pg, { type Pool } from 'pg'

import { getEnv } from '@/lib/kit/env'
import {
  assertRestoreTarget,
  localStore,
  type Manifest,
  restoreBackup,
  verifyBackup,
} from '@/lib/operations/backup'

import { embeddedConnectionString } from '../../src/lib/db/embeddedPostgres'
import { DEMO_PASSWORD, seed } from '../../src/lib/seed/seed'
import { createCategory, createVendor } from '../helpers/fixtures'
import { startPayload, type TestContext } from '../helpers/payload'
import { restClient, type RestClient } from '../helpers/rest'
import { type S3Server, startS3Server } from '../helpers/s3Server'
import { createUser } from '../helpers/users'
import { TEST_PG_PORT } from '../setup/constants'

/*
 * `npm run backup` and `npm run restore`, run as an operator runs them, on a seeded database
 * with media on disk, private files and objects in a bucket: the archive is wiped back into
 * place — every table's rows, every file's bytes, every object — and someone can still sign in.
 * A changed archive and a target that holds anything are refused before anything is written.
 */

let ctx: TestContext
let payload: Payload
let pool: Pool
let rest: RestClient
let s3: S3Server
let work: string
let archive: string
let manifest: Manifest
let before: Record<string, TableState>
let filesBefore: Record<string, string>
let objectsBefore: Record<string, ObjectState>
let organizerEmail: string

type TableState = { rows: number; digest: string }
type ObjectState = { sha256: string; contentType?: string }

const RESTORED_BUCKET = 'eventpros-restored'
const pdf = fs.readFileSync(path.resolve('tests/fixtures/document.pdf'))
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, ['scripts/run.mjs', script, ...args], {
    env: { ...process.env, NODE_OPTIONS: '--no-deprecation', ...env },
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  })

/** Every table of the app's schema: its row count and a digest of all its rows' text. */
const tableStates = async (): Promise<Record<string, TableState>> => {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  )
  const states: Record<string, TableState> = {}
  for (const { name } of tables) {
    const { rows } = await pool.query<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows,
              md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
       FROM "${name}" t`,
    )
    states[name] = rows[0]!
  }
  return states
}

/** Every file under the media and private folders by its path, with its SHA-256. */
const fileStates = (): Record<string, string> => {
  const env = getEnv()
  const states: Record<string, string> = {}
  for (const [store, dir] of [
    ['media', env.MEDIA_DIR],
    ['private', env.PRIVATE_FILES_DIR],
  ] as const) {
    if (!fs.existsSync(dir)) continue
    for (const name of fs.readdirSync(dir, { recursive: true }).map(String)) {
      const full = path.join(dir, name)
      if (fs.statSync(full).isFile()) states[`${store}/${name}`] = sha256(fs.readFileSync(full))
    }
  }
  return states
}

const objectStates = async (bucket: string): Promise<Record<string, ObjectState>> => {
  const { Contents = [] } = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }))
  const states: Record<string, ObjectState> = {}
  for (const { Key } of Contents) {
    const object = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key }))
    const bytes = Buffer.from(await object.Body!.transformToByteArray())
    states[Key!] = { sha256: sha256(bytes), contentType: object.ContentType }
  }
  return states
}

/** The archive with one byte of `entry`'s content changed, walked as plain tar. */
const tampered = (source: string, entry: string) => {
  const tar = gunzipSync(fs.readFileSync(source))
  for (let offset = 0; offset + 512 <= tar.length;) {
    const name = tar
      .subarray(offset, offset + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '')
    const size = Number.parseInt(tar.subarray(offset + 124, offset + 136).toString('ascii'), 8)
    if (name === entry) {
      tar[offset + 512] = tar[offset + 512]! ^ 0xff
      const file = path.join(work, 'tampered.tar.gz')
      fs.writeFileSync(file, gzipSync(tar))
      return file
    }
    offset += 512 + Math.ceil(size / 512) * 512
  }
  throw new Error(`${entry} is not in ${source}`)
}

beforeAll(async () => {
  s3 = await startS3Server()
  ctx = await startPayload('backup')
  payload = ctx.payload
  pool = (payload.db as unknown as PostgresAdapter).pool as unknown as Pool
  rest = restClient(ctx.config)
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'))

  // Demo vendors with their portfolio images on disk, jobs, quotes, reviews and bookings.
  await pool.query('TRUNCATE vendors, categories, users, jobs RESTART IDENTITY CASCADE')
  await seed(payload, { vendors: 12 })
  const { rows } = await pool.query<{ email: string }>(
    `SELECT email FROM users WHERE role = 'organizer' ORDER BY id LIMIT 1`,
  )
  organizerEmail = rows[0]!.email
  // A private file: a vendor's verification document.
  const vendor = await createUser(payload, rest, 'vendor')
  const { rows: categories } = await pool.query<{ id: number }>(
    'SELECT id FROM categories ORDER BY id LIMIT 1',
  )
  await createVendor(payload, vendor.user.id, categories[0]!.id)
  await payload.create({
    collection: 'verification-documents',
    data: { type: 'nzbn', nzbn: '9429041234563' } as never,
    file: { data: pdf, mimetype: 'application/pdf', name: 'nzbn.pdf', size: pdf.length },
    user: { ...vendor.user, collection: 'users' },
    overrideAccess: false,
  })
  // Objects in a bucket, as media on S3 would be.
  for (const [key, body, type] of [
    ['public/media/harbour-1a2b3c4d.png', fs.readFileSync('tests/fixtures/photo.png'), 'image/png'],
    ['private/verification-documents/0f8e2b1c.pdf', pdf, 'application/pdf'],
  ] as const) {
    await s3.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentType: type }),
    )
  }
  await s3.client.send(new CreateBucketCommand({ Bucket: RESTORED_BUCKET }))

  before = await tableStates()
  filesBefore = fileStates()
  objectsBefore = await objectStates(s3.bucket)
}, 300_000)

afterAll(async () => {
  await ctx?.stop()
  await s3?.stop()
  if (work) fs.rmSync(work, { recursive: true, force: true })
})

describe('npm run backup', () => {
  it('writes one archive with every table counted and every file and object checksummed', async () => {
    const dir = path.join(work, 'backups')
    const { stdout } = await run('scripts/backup.ts', [dir], s3.env)
    expect(stdout).toMatch(/Backup written to .*eventpros-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz/)
    const written = fs.readdirSync(dir)
    expect(written).toHaveLength(1)
    archive = path.join(dir, written[0]!)

    manifest = await verifyBackup(archive)
    expect(manifest.migration).toBe('push')
    expect(manifest.appVersion).toBe(
      (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version,
    )
    const counted = Object.fromEntries(manifest.database.tables.map((t) => [t.name, t.rows]))
    expect(counted).toEqual(
      Object.fromEntries(Object.entries(before).map(([name, state]) => [name, state.rows])),
    )
    // A seed that leaves most tables empty would prove little.
    expect(Object.values(counted).filter((rows) => rows > 0).length).toBeGreaterThan(20)

    const checksums = Object.fromEntries(
      manifest.files.map((file) => [`${file.store}/${file.key}`, file.sha256]),
    )
    const expected = {
      ...filesBefore,
      ...Object.fromEntries(
        Object.entries(objectsBefore).map(([key, o]) => [`s3/${key}`, o.sha256]),
      ),
    }
    expect(checksums).toEqual(expected)
    expect(Object.keys(filesBefore).some((file) => file.startsWith('private/'))).toBe(true)
    expect(
      Object.keys(filesBefore).filter((file) => file.startsWith('media/')).length,
    ).toBeGreaterThan(5)

    // An ordinary tar archive: any machine's tar lists it.
    const { stdout: listing } = await promisify(execFile)('tar', ['-tzf', archive], {
      maxBuffer: 16 * 1024 * 1024,
    })
    expect(listing.trim().split('\n').sort()).toEqual(
      [
        'manifest.json',
        ...manifest.database.tables.map((t) => t.entry),
        ...manifest.files.map((f) => f.entry),
      ].sort(),
    )
  })
})

describe('npm run restore refuses', () => {
  it('an archive changed after it was made, before looking at the target', async () => {
    const photo = manifest.files.find((file) => file.store === 'media' && file.entry.length < 100)!
    const changed = tampered(archive, photo.entry)
    await expect(restoreBackup({ file: changed, pool, stores: [] })).rejects.toThrow(
      `${photo.entry} does not match its checksum`,
    )
    const table = manifest.database.tables.find((t) => t.name === 'vendors')!
    await expect(verifyBackup(tampered(archive, table.entry))).rejects.toThrow(
      `${table.entry} does not match its checksum`,
    )
  })

  it('a database that holds rows, and a file store that holds files', async () => {
    const empty = (name: string) => localStore(name, path.join(work, `empty-${name}`))
    await expect(
      restoreBackup({
        file: archive,
        pool,
        stores: [empty('media'), empty('private'), empty('s3')],
      }),
    ).rejects.toThrow(/^The database is not empty \(.+ have rows\)/)

    // A database not created yet is empty; the media folder in use is not.
    const missing = new pg.Pool({
      connectionString: embeddedConnectionString(TEST_PG_PORT, `${ctx.database}_absent`),
    })
    try {
      await expect(
        assertRestoreTarget({ pool: missing, stores: [localStore('media', getEnv().MEDIA_DIR)] }),
      ).rejects.toThrow(`${path.resolve(getEnv().MEDIA_DIR)} is not empty`)
    } finally {
      await missing.end()
    }
    expect(await tableStates()).toEqual(before)
  })
})

describe('npm run restore', () => {
  it('puts back every row, file and object of a wiped database and stores, and sign-in works', async () => {
    // Wiped: every schema of the database dropped (extensions and the search index with it),
    // both folders removed, and a new empty bucket.
    const { rows: schemas } = await pool.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace
       WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
    )
    for (const { name } of schemas) await pool.query(`DROP SCHEMA "${name}" CASCADE`)
    await pool.query('CREATE SCHEMA public')
    const env = getEnv()
    fs.rmSync(env.MEDIA_DIR, { recursive: true, force: true })
    fs.rmSync(env.PRIVATE_FILES_DIR, { recursive: true, force: true })

    const { stdout } = await run('scripts/restore.ts', [archive], {
      ...s3.env,
      S3_BUCKET: RESTORED_BUCKET,
    })
    expect(stdout).toMatch(/every checksum matches/)
    expect(stdout).toMatch(/Restored \d+ tables \(\d+ rows\) and \d+ files/)

    expect(await tableStates()).toEqual(before)
    expect(fileStates()).toEqual(filesBefore)
    expect(await objectStates(RESTORED_BUCKET)).toEqual(objectsBefore)

    // Password hashes came back intact, and the sequences carry on past the restored ids.
    const login = await rest.post('/api/users/login', {
      body: { email: organizerEmail, password: DEMO_PASSWORD },
    })
    expect(login.status).toBe(200)
    const { rows } = await pool.query<{ max: number }>('SELECT max(id)::int AS max FROM categories')
    const category = await createCategory(payload, 'Restored marquees')
    expect(category.id).toBeGreaterThan(rows[0]!.max)
  })
})
