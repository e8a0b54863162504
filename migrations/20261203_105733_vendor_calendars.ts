import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'refreshExternalCalendars' BEFORE 'publishDueReviews';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'refreshExternalCalendars' BEFORE 'publishDueReviews';
  CREATE TABLE "vendors_external_calendars" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"url" varchar NOT NULL,
  	"label" varchar,
  	"last_fetched_at" timestamp(3) with time zone,
  	"last_good_at" timestamp(3) with time zone,
  	"last_error" varchar,
  	"busy" jsonb
  );
  
  ALTER TABLE "vendors" ADD COLUMN "calendar_feed_token_hash" varchar;
  ALTER TABLE "vendors_external_calendars" ADD CONSTRAINT "vendors_external_calendars_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "vendors_external_calendars_order_idx" ON "vendors_external_calendars" USING btree ("_order");
  CREATE INDEX "vendors_external_calendars_parent_id_idx" ON "vendors_external_calendars" USING btree ("_parent_id");
  CREATE INDEX "vendors_calendar_feed_token_hash_idx" ON "vendors" USING btree ("calendar_feed_token_hash");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "vendors_external_calendars" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "vendors_external_calendars" CASCADE;
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'completeFinishedBookings', 'publishDueReviews', 'expireVerificationDocuments', 'recomputeFavourites', 'buildDataExport', 'deleteExpiredDataExports', 'eraseDueAccounts', 'applyRetention', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover', 'endBillingGracePeriods', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'completeFinishedBookings', 'publishDueReviews', 'expireVerificationDocuments', 'recomputeFavourites', 'buildDataExport', 'deleteExpiredDataExports', 'eraseDueAccounts', 'applyRetention', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover', 'endBillingGracePeriods', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "vendors_calendar_feed_token_hash_idx";
  ALTER TABLE "vendors" DROP COLUMN "calendar_feed_token_hash";`)
}
