import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "saved_lists" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"owner_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "saved_lists_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"vendors_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "saved_lists_id" integer;
  ALTER TABLE "saved_lists" ADD CONSTRAINT "saved_lists_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "saved_lists_rels" ADD CONSTRAINT "saved_lists_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."saved_lists"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "saved_lists_rels" ADD CONSTRAINT "saved_lists_rels_vendors_fk" FOREIGN KEY ("vendors_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "saved_lists_owner_idx" ON "saved_lists" USING btree ("owner_id");
  CREATE INDEX "saved_lists_updated_at_idx" ON "saved_lists" USING btree ("updated_at");
  CREATE INDEX "saved_lists_created_at_idx" ON "saved_lists" USING btree ("created_at");
  CREATE INDEX "saved_lists_rels_order_idx" ON "saved_lists_rels" USING btree ("order");
  CREATE INDEX "saved_lists_rels_parent_idx" ON "saved_lists_rels" USING btree ("parent_id");
  CREATE INDEX "saved_lists_rels_path_idx" ON "saved_lists_rels" USING btree ("path");
  CREATE INDEX "saved_lists_rels_vendors_id_idx" ON "saved_lists_rels" USING btree ("vendors_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_saved_lists_fk" FOREIGN KEY ("saved_lists_id") REFERENCES "public"."saved_lists"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_saved_lists_id_idx" ON "payload_locked_documents_rels" USING btree ("saved_lists_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "saved_lists" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "saved_lists_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "saved_lists" CASCADE;
  DROP TABLE "saved_lists_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_saved_lists_fk";
  
  DROP INDEX "payload_locked_documents_rels_saved_lists_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "saved_lists_id";`)
}
