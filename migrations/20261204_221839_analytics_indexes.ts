import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "createdAt_role_idx" ON "users" USING btree ("created_at","role");
  CREATE INDEX "vendors_verification_status_idx" ON "vendors" USING btree ("verification_status");
  CREATE INDEX "createdAt_status_verificationStatus_idx" ON "vendors" USING btree ("created_at","status","verification_status");
  CREATE INDEX "jobs_published_at_idx" ON "jobs" USING btree ("published_at");
  CREATE INDEX "payments_period_end_idx" ON "payments" USING btree ("period_end");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "createdAt_role_idx";
  DROP INDEX "vendors_verification_status_idx";
  DROP INDEX "createdAt_status_verificationStatus_idx";
  DROP INDEX "jobs_published_at_idx";
  DROP INDEX "payments_period_end_idx";`)
}
