import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

/**
 * Makes the audit log append-only in the database itself: UPDATE, DELETE and TRUNCATE on its
 * table raise an error, whatever code, admin or SQL client runs them. Idempotent; run at every
 * start, after the schema is pushed (development) or migrated (production).
 */
export const ensureAuditLogAppendOnly = async (payload: Payload): Promise<void> => {
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  await db.execute(sql`
    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP;
    END $$`)
  await db.execute(sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_append_only') THEN
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
      END IF;
    END $$`)
}
