import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_linked_identities_provider" AS ENUM('google', 'facebook');
  CREATE TYPE "public"."enum_users_suspended_vendor_status" AS ENUM('draft', 'active', 'inactive');
  CREATE TYPE "public"."enum_data_exports_status" AS ENUM('queued', 'ready', 'failed', 'expired');
  CREATE TYPE "public"."enum_exports_format" AS ENUM('csv', 'json');
  CREATE TYPE "public"."enum_exports_sort_order" AS ENUM('asc', 'desc');
  CREATE TYPE "public"."enum_exports_drafts" AS ENUM('yes', 'no');
  CREATE TYPE "public"."enum_imports_import_mode" AS ENUM('create', 'update', 'upsert');
  CREATE TYPE "public"."enum_imports_status" AS ENUM('pending', 'completed', 'partial', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'buildDataExport' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'deleteExpiredDataExports' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'eraseDueAccounts' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'applyRetention' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'createCollectionExport';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'createCollectionImport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'buildDataExport' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'deleteExpiredDataExports' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'eraseDueAccounts' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'applyRetention' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'createCollectionExport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'createCollectionImport';
  CREATE TABLE "users_linked_identities" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"provider" "enum_users_linked_identities_provider" NOT NULL,
  	"subject" varchar NOT NULL,
  	"key" varchar NOT NULL,
  	"email" varchar,
  	"linked_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "data_exports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"requested_by_id" integer,
  	"status" "enum_data_exports_status" DEFAULT 'queued' NOT NULL,
  	"ready_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone,
  	"file_name" varchar,
  	"size_bytes" numeric,
  	"stored_as" varchar,
  	"failure_reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "exports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"format" "enum_exports_format" DEFAULT 'csv' NOT NULL,
  	"limit" numeric,
  	"page" numeric DEFAULT 1,
  	"sort" varchar,
  	"sort_order" "enum_exports_sort_order",
  	"drafts" "enum_exports_drafts" DEFAULT 'yes',
  	"collection_slug" varchar DEFAULT 'users' NOT NULL,
  	"where" jsonb DEFAULT '{}'::jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "exports_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"collection_slug" varchar NOT NULL,
  	"import_mode" "enum_imports_import_mode",
  	"match_field" varchar DEFAULT 'id',
  	"status" "enum_imports_status" DEFAULT 'pending',
  	"summary_imported" numeric,
  	"summary_updated" numeric,
  	"summary_total" numeric,
  	"summary_issues" numeric,
  	"summary_issue_details" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  ALTER TABLE "users" ADD COLUMN "suspended_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "suspension_reason" varchar;
  ALTER TABLE "users" ADD COLUMN "suspended_by_id" integer;
  ALTER TABLE "users" ADD COLUMN "suspended_vendor_status" "enum_users_suspended_vendor_status";
  ALTER TABLE "users" ADD COLUMN "terms_version" varchar;
  ALTER TABLE "users" ADD COLUMN "terms_accepted_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "privacy_version" varchar;
  ALTER TABLE "users" ADD COLUMN "privacy_accepted_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "marketing_emails" boolean DEFAULT false;
  ALTER TABLE "users" ADD COLUMN "marketing_emails_changed_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "deletion_requested_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "erasure_due_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "erased_at" timestamp(3) with time zone;
  ALTER TABLE "users" ADD COLUMN "has_password" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "quote_emails" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "booking_emails" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "review_emails" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "reminder_emails" boolean DEFAULT true;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "data_exports_id" integer;
  ALTER TABLE "users_linked_identities" ADD CONSTRAINT "users_linked_identities_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "exports_texts" ADD CONSTRAINT "exports_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."exports"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_linked_identities_order_idx" ON "users_linked_identities" USING btree ("_order");
  CREATE INDEX "users_linked_identities_parent_id_idx" ON "users_linked_identities" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "users_linked_identities_key_idx" ON "users_linked_identities" USING btree ("key");
  CREATE INDEX "data_exports_user_idx" ON "data_exports" USING btree ("user_id");
  CREATE INDEX "data_exports_requested_by_idx" ON "data_exports" USING btree ("requested_by_id");
  CREATE INDEX "data_exports_status_idx" ON "data_exports" USING btree ("status");
  CREATE INDEX "data_exports_expires_at_idx" ON "data_exports" USING btree ("expires_at");
  CREATE INDEX "data_exports_updated_at_idx" ON "data_exports" USING btree ("updated_at");
  CREATE INDEX "data_exports_created_at_idx" ON "data_exports" USING btree ("created_at");
  CREATE INDEX "exports_updated_at_idx" ON "exports" USING btree ("updated_at");
  CREATE INDEX "exports_created_at_idx" ON "exports" USING btree ("created_at");
  CREATE UNIQUE INDEX "exports_filename_idx" ON "exports" USING btree ("filename");
  CREATE INDEX "exports_texts_order_parent" ON "exports_texts" USING btree ("order","parent_id");
  CREATE INDEX "imports_updated_at_idx" ON "imports" USING btree ("updated_at");
  CREATE INDEX "imports_created_at_idx" ON "imports" USING btree ("created_at");
  CREATE UNIQUE INDEX "imports_filename_idx" ON "imports" USING btree ("filename");
  ALTER TABLE "users" ADD CONSTRAINT "users_suspended_by_id_users_id_fk" FOREIGN KEY ("suspended_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_data_exports_fk" FOREIGN KEY ("data_exports_id") REFERENCES "public"."data_exports"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_suspended_at_idx" ON "users" USING btree ("suspended_at");
  CREATE INDEX "users_suspended_by_idx" ON "users" USING btree ("suspended_by_id");
  CREATE INDEX "users_deletion_requested_at_idx" ON "users" USING btree ("deletion_requested_at");
  CREATE INDEX "users_erasure_due_at_idx" ON "users" USING btree ("erasure_due_at");
  CREATE INDEX "users_erased_at_idx" ON "users" USING btree ("erased_at");
  CREATE INDEX "payload_locked_documents_rels_data_exports_id_idx" ON "payload_locked_documents_rels" USING btree ("data_exports_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users_linked_identities" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "data_exports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "exports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "exports_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "imports" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "users_linked_identities" CASCADE;
  DROP TABLE "data_exports" CASCADE;
  DROP TABLE "exports" CASCADE;
  DROP TABLE "exports_texts" CASCADE;
  DROP TABLE "imports" CASCADE;
  ALTER TABLE "users" DROP CONSTRAINT "users_suspended_by_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_data_exports_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'publishDueReviews', 'expireVerificationDocuments', 'recomputeFavourites', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover', 'endBillingGracePeriods');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'publishDueReviews', 'expireVerificationDocuments', 'recomputeFavourites', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover', 'endBillingGracePeriods');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "users_suspended_at_idx";
  DROP INDEX "users_suspended_by_idx";
  DROP INDEX "users_deletion_requested_at_idx";
  DROP INDEX "users_erasure_due_at_idx";
  DROP INDEX "users_erased_at_idx";
  DROP INDEX "payload_locked_documents_rels_data_exports_id_idx";
  ALTER TABLE "users" DROP COLUMN "suspended_at";
  ALTER TABLE "users" DROP COLUMN "suspension_reason";
  ALTER TABLE "users" DROP COLUMN "suspended_by_id";
  ALTER TABLE "users" DROP COLUMN "suspended_vendor_status";
  ALTER TABLE "users" DROP COLUMN "terms_version";
  ALTER TABLE "users" DROP COLUMN "terms_accepted_at";
  ALTER TABLE "users" DROP COLUMN "privacy_version";
  ALTER TABLE "users" DROP COLUMN "privacy_accepted_at";
  ALTER TABLE "users" DROP COLUMN "marketing_emails";
  ALTER TABLE "users" DROP COLUMN "marketing_emails_changed_at";
  ALTER TABLE "users" DROP COLUMN "deletion_requested_at";
  ALTER TABLE "users" DROP COLUMN "erasure_due_at";
  ALTER TABLE "users" DROP COLUMN "erased_at";
  ALTER TABLE "users" DROP COLUMN "has_password";
  ALTER TABLE "users" DROP COLUMN "quote_emails";
  ALTER TABLE "users" DROP COLUMN "booking_emails";
  ALTER TABLE "users" DROP COLUMN "review_emails";
  ALTER TABLE "users" DROP COLUMN "reminder_emails";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "data_exports_id";
  DROP TYPE "public"."enum_users_linked_identities_provider";
  DROP TYPE "public"."enum_users_suspended_vendor_status";
  DROP TYPE "public"."enum_data_exports_status";
  DROP TYPE "public"."enum_exports_format";
  DROP TYPE "public"."enum_exports_sort_order";
  DROP TYPE "public"."enum_exports_drafts";
  DROP TYPE "public"."enum_imports_import_mode";
  DROP TYPE "public"."enum_imports_status";`)
}
