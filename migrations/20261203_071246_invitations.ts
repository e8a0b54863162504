import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_invitations_status" AS ENUM('sent', 'quoted', 'declined', 'withdrawn');
  CREATE TYPE "public"."enum_invitations_decline_reason" AS ENUM('unavailable', 'not-a-fit', 'too-far', 'budget', 'other');
  CREATE TABLE "invitations_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"from" varchar,
  	"to" varchar NOT NULL,
  	"by_id" integer,
  	"at" timestamp(3) with time zone NOT NULL,
  	"note" varchar
  );
  
  CREATE TABLE "invitations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"job_id" integer NOT NULL,
  	"vendor_id" integer NOT NULL,
  	"message" varchar,
  	"status" "enum_invitations_status" DEFAULT 'sent' NOT NULL,
  	"seen_at" timestamp(3) with time zone,
  	"responded_at" timestamp(3) with time zone,
  	"closed_at" timestamp(3) with time zone,
  	"decline_reason" "enum_invitations_decline_reason",
  	"decline_note" varchar,
  	"quote_id" integer,
  	"vendor_owner_id" integer,
  	"organizer_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "invitations_id" integer;
  ALTER TABLE "invitations_history" ADD CONSTRAINT "invitations_history_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invitations_history" ADD CONSTRAINT "invitations_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "invitations" ADD CONSTRAINT "invitations_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invitations" ADD CONSTRAINT "invitations_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invitations" ADD CONSTRAINT "invitations_quote_id_applications_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invitations" ADD CONSTRAINT "invitations_vendor_owner_id_users_id_fk" FOREIGN KEY ("vendor_owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organizer_id_users_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "invitations_history_order_idx" ON "invitations_history" USING btree ("_order");
  CREATE INDEX "invitations_history_parent_id_idx" ON "invitations_history" USING btree ("_parent_id");
  CREATE INDEX "invitations_history_by_idx" ON "invitations_history" USING btree ("by_id");
  CREATE INDEX "invitations_job_idx" ON "invitations" USING btree ("job_id");
  CREATE INDEX "invitations_vendor_idx" ON "invitations" USING btree ("vendor_id");
  CREATE INDEX "invitations_status_idx" ON "invitations" USING btree ("status");
  CREATE INDEX "invitations_responded_at_idx" ON "invitations" USING btree ("responded_at");
  CREATE INDEX "invitations_quote_idx" ON "invitations" USING btree ("quote_id");
  CREATE INDEX "invitations_vendor_owner_idx" ON "invitations" USING btree ("vendor_owner_id");
  CREATE INDEX "invitations_organizer_idx" ON "invitations" USING btree ("organizer_id");
  CREATE INDEX "invitations_updated_at_idx" ON "invitations" USING btree ("updated_at");
  CREATE INDEX "invitations_created_at_idx" ON "invitations" USING btree ("created_at");
  CREATE UNIQUE INDEX "job_vendor_1_idx" ON "invitations" USING btree ("job_id","vendor_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_invitations_fk" FOREIGN KEY ("invitations_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_invitations_id_idx" ON "payload_locked_documents_rels" USING btree ("invitations_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "invitations_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "invitations" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "invitations_history" CASCADE;
  DROP TABLE "invitations" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_invitations_fk";
  
  DROP INDEX "payload_locked_documents_rels_invitations_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "invitations_id";
  DROP TYPE "public"."enum_invitations_status";
  DROP TYPE "public"."enum_invitations_decline_reason";`)
}
