import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_vendors_profile_review" AS ENUM('new', 'approved', 'rejected');
  CREATE TYPE "public"."enum_messages_moderation" AS ENUM('cleared', 'removed');
  CREATE TYPE "public"."enum_reviews_flags" AS ENUM('link', 'contact', 'profanity');
  CREATE TYPE "public"."enum_reviews_event_type" AS ENUM('wedding', 'corporate', 'birthday', 'anniversary', 'conference', 'seminar', 'party', 'celebration', 'other');
  CREATE TYPE "public"."enum_reviews_status" AS ENUM('pending', 'published', 'rejected', 'hidden');
  CREATE TYPE "public"."enum_verification_documents_type" AS ENUM('nzbn', 'insurance', 'licence', 'id');
  CREATE TYPE "public"."enum_verification_documents_status" AS ENUM('pending', 'approved', 'rejected', 'expired');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'publishDueReviews' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'expireVerificationDocuments' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'recomputeFavourites' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'publishDueReviews' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'expireVerificationDocuments' BEFORE 'searchSyncVendors';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'recomputeFavourites' BEFORE 'searchSyncVendors';
  CREATE TABLE "reviews_flags" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_reviews_flags",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "reviews_reports" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"by_id" integer NOT NULL,
  	"reason" varchar NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"resolved" boolean DEFAULT false
  );
  
  CREATE TABLE "reviews" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"booking_id" integer NOT NULL,
  	"vendor_id" integer NOT NULL,
  	"organizer_id" integer NOT NULL,
  	"vendor_owner_id" integer,
  	"author_name" varchar,
  	"event_type" "enum_reviews_event_type",
  	"event_date" timestamp(3) with time zone,
  	"ratings_overall" numeric NOT NULL,
  	"ratings_quality" numeric NOT NULL,
  	"ratings_communication" numeric NOT NULL,
  	"ratings_value" numeric NOT NULL,
  	"ratings_professionalism" numeric NOT NULL,
  	"text" varchar NOT NULL,
  	"status" "enum_reviews_status" DEFAULT 'pending' NOT NULL,
  	"open_reports" numeric DEFAULT 0,
  	"auto_publish_at" timestamp(3) with time zone,
  	"published_at" timestamp(3) with time zone,
  	"edited_at" timestamp(3) with time zone,
  	"moderation_note" varchar,
  	"moderated_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "reviews_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"media_id" integer
  );
  
  CREATE TABLE "review_responses" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"review_id" integer NOT NULL,
  	"vendor_id" integer NOT NULL,
  	"vendor_owner_id" integer NOT NULL,
  	"text" varchar NOT NULL,
  	"edited_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "verification_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"type" "enum_verification_documents_type" NOT NULL,
  	"nzbn" varchar,
  	"expires_at" timestamp(3) with time zone,
  	"description" varchar,
  	"status" "enum_verification_documents_status" DEFAULT 'pending' NOT NULL,
  	"review_notes" varchar,
  	"reviewed_by_id" integer,
  	"reviewed_at" timestamp(3) with time zone,
  	"vendor_id" integer,
  	"owner_id" integer,
  	"reminder_sent_at" timestamp(3) with time zone,
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
  
  CREATE TABLE "audit_log" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"actor_id" numeric,
  	"actor_email" varchar,
  	"actor_role" varchar,
  	"action" varchar NOT NULL,
  	"target_collection" varchar NOT NULL,
  	"target_id" varchar,
  	"summary" varchar NOT NULL,
  	"details" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "vendors" ADD COLUMN "rating_score" numeric;
  ALTER TABLE "vendors" ADD COLUMN "rating_quality" numeric;
  ALTER TABLE "vendors" ADD COLUMN "rating_communication" numeric;
  ALTER TABLE "vendors" ADD COLUMN "rating_value" numeric;
  ALTER TABLE "vendors" ADD COLUMN "rating_professionalism" numeric;
  ALTER TABLE "vendors" ADD COLUMN "favourite" boolean DEFAULT false;
  ALTER TABLE "vendors" ADD COLUMN "profile_review" "enum_vendors_profile_review" DEFAULT 'new';
  ALTER TABLE "vendors" ADD COLUMN "response_stats_conversations" numeric;
  ALTER TABLE "messages" ADD COLUMN "moderation" "enum_messages_moderation";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reviews_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "review_responses_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "verification_documents_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "audit_log_id" integer;
  ALTER TABLE "reviews_flags" ADD CONSTRAINT "reviews_flags_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reviews_reports" ADD CONSTRAINT "reviews_reports_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews_reports" ADD CONSTRAINT "reviews_reports_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_organizer_id_users_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_vendor_owner_id_users_id_fk" FOREIGN KEY ("vendor_owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_moderated_by_id_users_id_fk" FOREIGN KEY ("moderated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews_rels" ADD CONSTRAINT "reviews_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "reviews_rels" ADD CONSTRAINT "reviews_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "review_responses" ADD CONSTRAINT "review_responses_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "review_responses" ADD CONSTRAINT "review_responses_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "review_responses" ADD CONSTRAINT "review_responses_vendor_owner_id_users_id_fk" FOREIGN KEY ("vendor_owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "verification_documents" ADD CONSTRAINT "verification_documents_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "verification_documents" ADD CONSTRAINT "verification_documents_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "verification_documents" ADD CONSTRAINT "verification_documents_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "reviews_flags_order_idx" ON "reviews_flags" USING btree ("order");
  CREATE INDEX "reviews_flags_parent_idx" ON "reviews_flags" USING btree ("parent_id");
  CREATE INDEX "reviews_reports_order_idx" ON "reviews_reports" USING btree ("_order");
  CREATE INDEX "reviews_reports_parent_id_idx" ON "reviews_reports" USING btree ("_parent_id");
  CREATE INDEX "reviews_reports_by_idx" ON "reviews_reports" USING btree ("by_id");
  CREATE UNIQUE INDEX "reviews_booking_idx" ON "reviews" USING btree ("booking_id");
  CREATE INDEX "reviews_vendor_idx" ON "reviews" USING btree ("vendor_id");
  CREATE INDEX "reviews_organizer_idx" ON "reviews" USING btree ("organizer_id");
  CREATE INDEX "reviews_vendor_owner_idx" ON "reviews" USING btree ("vendor_owner_id");
  CREATE INDEX "reviews_status_idx" ON "reviews" USING btree ("status");
  CREATE INDEX "reviews_open_reports_idx" ON "reviews" USING btree ("open_reports");
  CREATE INDEX "reviews_auto_publish_at_idx" ON "reviews" USING btree ("auto_publish_at");
  CREATE INDEX "reviews_moderated_by_idx" ON "reviews" USING btree ("moderated_by_id");
  CREATE INDEX "reviews_updated_at_idx" ON "reviews" USING btree ("updated_at");
  CREATE INDEX "reviews_created_at_idx" ON "reviews" USING btree ("created_at");
  CREATE INDEX "reviews_rels_order_idx" ON "reviews_rels" USING btree ("order");
  CREATE INDEX "reviews_rels_parent_idx" ON "reviews_rels" USING btree ("parent_id");
  CREATE INDEX "reviews_rels_path_idx" ON "reviews_rels" USING btree ("path");
  CREATE INDEX "reviews_rels_media_id_idx" ON "reviews_rels" USING btree ("media_id");
  CREATE UNIQUE INDEX "review_responses_review_idx" ON "review_responses" USING btree ("review_id");
  CREATE INDEX "review_responses_vendor_idx" ON "review_responses" USING btree ("vendor_id");
  CREATE INDEX "review_responses_vendor_owner_idx" ON "review_responses" USING btree ("vendor_owner_id");
  CREATE INDEX "review_responses_updated_at_idx" ON "review_responses" USING btree ("updated_at");
  CREATE INDEX "review_responses_created_at_idx" ON "review_responses" USING btree ("created_at");
  CREATE INDEX "verification_documents_expires_at_idx" ON "verification_documents" USING btree ("expires_at");
  CREATE INDEX "verification_documents_status_idx" ON "verification_documents" USING btree ("status");
  CREATE INDEX "verification_documents_reviewed_by_idx" ON "verification_documents" USING btree ("reviewed_by_id");
  CREATE INDEX "verification_documents_vendor_idx" ON "verification_documents" USING btree ("vendor_id");
  CREATE INDEX "verification_documents_owner_idx" ON "verification_documents" USING btree ("owner_id");
  CREATE INDEX "verification_documents_updated_at_idx" ON "verification_documents" USING btree ("updated_at");
  CREATE INDEX "verification_documents_created_at_idx" ON "verification_documents" USING btree ("created_at");
  CREATE UNIQUE INDEX "verification_documents_filename_idx" ON "verification_documents" USING btree ("filename");
  CREATE INDEX "audit_log_actor_id_idx" ON "audit_log" USING btree ("actor_id");
  CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");
  CREATE INDEX "audit_log_target_collection_idx" ON "audit_log" USING btree ("target_collection");
  CREATE INDEX "audit_log_target_id_idx" ON "audit_log" USING btree ("target_id");
  CREATE INDEX "audit_log_updated_at_idx" ON "audit_log" USING btree ("updated_at");
  CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reviews_fk" FOREIGN KEY ("reviews_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_review_responses_fk" FOREIGN KEY ("review_responses_id") REFERENCES "public"."review_responses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_verification_documents_fk" FOREIGN KEY ("verification_documents_id") REFERENCES "public"."verification_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_audit_log_fk" FOREIGN KEY ("audit_log_id") REFERENCES "public"."audit_log"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "vendors_profile_review_idx" ON "vendors" USING btree ("profile_review");
  CREATE INDEX "messages_moderation_idx" ON "messages" USING btree ("moderation");
  CREATE INDEX "payload_locked_documents_rels_reviews_id_idx" ON "payload_locked_documents_rels" USING btree ("reviews_id");
  CREATE INDEX "payload_locked_documents_rels_review_responses_id_idx" ON "payload_locked_documents_rels" USING btree ("review_responses_id");
  CREATE INDEX "payload_locked_documents_rels_verification_documents_id_idx" ON "payload_locked_documents_rels" USING btree ("verification_documents_id");
  CREATE INDEX "payload_locked_documents_rels_audit_log_id_idx" ON "payload_locked_documents_rels" USING btree ("audit_log_id");`)
  // Profiles listed before moderation existed were already live: they are not "new".
  await db.execute(sql`UPDATE "vendors" SET "profile_review" = 'approved';`)
  // The audit log's append-only trigger is created at start-up (src/lib/trust/auditLogGuard.ts),
  // so pushed development schemas have it too.
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "reviews_flags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reviews_reports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reviews" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reviews_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "review_responses" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "verification_documents" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "audit_log" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "reviews_flags" CASCADE;
  DROP TABLE "reviews_reports" CASCADE;
  DROP TABLE "reviews" CASCADE;
  DROP TABLE "reviews_rels" CASCADE;
  DROP TABLE "review_responses" CASCADE;
  DROP TABLE "verification_documents" CASCADE;
  DROP TABLE "audit_log" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reviews_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_review_responses_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_verification_documents_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_audit_log_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendMarketplaceEmail', 'sendUnreadMessageEmails', 'sendJobAlerts', 'sendDeadlineReminders', 'searchSyncVendors', 'searchSyncJobs', 'searchRebuild', 'searchRecover');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "vendors_profile_review_idx";
  DROP INDEX "messages_moderation_idx";
  DROP INDEX "payload_locked_documents_rels_reviews_id_idx";
  DROP INDEX "payload_locked_documents_rels_review_responses_id_idx";
  DROP INDEX "payload_locked_documents_rels_verification_documents_id_idx";
  DROP INDEX "payload_locked_documents_rels_audit_log_id_idx";
  ALTER TABLE "vendors" DROP COLUMN "rating_score";
  ALTER TABLE "vendors" DROP COLUMN "rating_quality";
  ALTER TABLE "vendors" DROP COLUMN "rating_communication";
  ALTER TABLE "vendors" DROP COLUMN "rating_value";
  ALTER TABLE "vendors" DROP COLUMN "rating_professionalism";
  ALTER TABLE "vendors" DROP COLUMN "favourite";
  ALTER TABLE "vendors" DROP COLUMN "profile_review";
  ALTER TABLE "vendors" DROP COLUMN "response_stats_conversations";
  ALTER TABLE "messages" DROP COLUMN "moderation";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reviews_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "review_responses_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "verification_documents_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "audit_log_id";
  DROP TYPE "public"."enum_vendors_profile_review";
  DROP TYPE "public"."enum_messages_moderation";
  DROP TYPE "public"."enum_reviews_flags";
  DROP TYPE "public"."enum_reviews_event_type";
  DROP TYPE "public"."enum_reviews_status";
  DROP TYPE "public"."enum_verification_documents_type";
  DROP TYPE "public"."enum_verification_documents_status";`)
}
