import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'completeFinishedBookings' BEFORE 'publishDueReviews';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'completeFinishedBookings' BEFORE 'publishDueReviews';
  ALTER TABLE "bookings" ADD COLUMN "organizer_done_at" timestamp(3) with time zone;
  ALTER TABLE "bookings" ADD COLUMN "vendor_done_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'publishDueReviews', 'expireVerificationDocuments', 'recomputeFavourites', 'buildDataExport', 'deleteExpiredDataExports', 'eraseDueAccounts', 'applyRetention', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover', 'endBillingGracePeriods', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'publishDueReviews', 'expireVerificationDocuments', 'recomputeFavourites', 'buildDataExport', 'deleteExpiredDataExports', 'eraseDueAccounts', 'applyRetention', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover', 'endBillingGracePeriods', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "bookings" DROP COLUMN "organizer_done_at";
  ALTER TABLE "bookings" DROP COLUMN "vendor_done_at";`)
}
