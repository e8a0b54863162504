import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_jobs_event_type" AS ENUM('wedding', 'corporate', 'birthday', 'anniversary', 'conference', 'seminar', 'party', 'celebration', 'other');
  CREATE TYPE "public"."enum_jobs_location_region" AS ENUM('northland', 'auckland', 'waikato', 'bay-of-plenty', 'gisborne', 'hawkes-bay', 'taranaki', 'manawatu-whanganui', 'wellington', 'tasman', 'nelson', 'marlborough', 'west-coast', 'canterbury', 'otago', 'southland');
  CREATE TYPE "public"."enum_jobs_status" AS ENUM('draft', 'published', 'closed', 'filled');
  CREATE TABLE "jobs_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"from" varchar,
  	"to" varchar NOT NULL,
  	"by_id" integer,
  	"at" timestamp(3) with time zone NOT NULL,
  	"note" varchar
  );
  
  CREATE TABLE "jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar NOT NULL,
  	"event_type" "enum_jobs_event_type" NOT NULL,
  	"guest_count" numeric NOT NULL,
  	"event_date" timestamp(3) with time zone NOT NULL,
  	"event_end_date" timestamp(3) with time zone,
  	"event_time" varchar,
  	"event_duration_hours" numeric,
  	"budget_min" numeric NOT NULL,
  	"budget_max" numeric NOT NULL,
  	"location_address" varchar,
  	"location_city" varchar NOT NULL,
  	"location_region" "enum_jobs_location_region" NOT NULL,
  	"location_lat" numeric,
  	"location_lng" numeric,
  	"special_requirements" varchar,
  	"contact_preferences_email" boolean DEFAULT true,
  	"contact_preferences_phone" boolean DEFAULT false,
  	"contact_preferences_preferred_time" varchar,
  	"application_deadline" timestamp(3) with time zone,
  	"is_urgent" boolean DEFAULT false,
  	"status" "enum_jobs_status" DEFAULT 'draft' NOT NULL,
  	"organizer_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"deadline_reminder_sent_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "jobs_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"categories_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "jobs_id" integer;
  ALTER TABLE "jobs_history" ADD CONSTRAINT "jobs_history_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "jobs_history" ADD CONSTRAINT "jobs_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "jobs" ADD CONSTRAINT "jobs_organizer_id_users_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "jobs_rels" ADD CONSTRAINT "jobs_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "jobs_rels" ADD CONSTRAINT "jobs_rels_categories_fk" FOREIGN KEY ("categories_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "jobs_history_order_idx" ON "jobs_history" USING btree ("_order");
  CREATE INDEX "jobs_history_parent_id_idx" ON "jobs_history" USING btree ("_parent_id");
  CREATE INDEX "jobs_history_by_idx" ON "jobs_history" USING btree ("by_id");
  CREATE INDEX "jobs_event_type_idx" ON "jobs" USING btree ("event_type");
  CREATE INDEX "jobs_event_date_idx" ON "jobs" USING btree ("event_date");
  CREATE INDEX "jobs_location_location_region_idx" ON "jobs" USING btree ("location_region");
  CREATE INDEX "jobs_application_deadline_idx" ON "jobs" USING btree ("application_deadline");
  CREATE INDEX "jobs_is_urgent_idx" ON "jobs" USING btree ("is_urgent");
  CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status");
  CREATE INDEX "jobs_organizer_idx" ON "jobs" USING btree ("organizer_id");
  CREATE INDEX "jobs_updated_at_idx" ON "jobs" USING btree ("updated_at");
  CREATE INDEX "jobs_created_at_idx" ON "jobs" USING btree ("created_at");
  CREATE INDEX "jobs_rels_order_idx" ON "jobs_rels" USING btree ("order");
  CREATE INDEX "jobs_rels_parent_idx" ON "jobs_rels" USING btree ("parent_id");
  CREATE INDEX "jobs_rels_path_idx" ON "jobs_rels" USING btree ("path");
  CREATE INDEX "jobs_rels_categories_id_idx" ON "jobs_rels" USING btree ("categories_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_jobs_fk" FOREIGN KEY ("jobs_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_jobs_id_idx" ON "payload_locked_documents_rels" USING btree ("jobs_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "jobs_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "jobs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "jobs_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "jobs_history" CASCADE;
  DROP TABLE "jobs" CASCADE;
  DROP TABLE "jobs_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_jobs_fk";
  
  DROP INDEX "payload_locked_documents_rels_jobs_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "jobs_id";
  DROP TYPE "public"."enum_jobs_event_type";
  DROP TYPE "public"."enum_jobs_location_region";
  DROP TYPE "public"."enum_jobs_status";`)
}
