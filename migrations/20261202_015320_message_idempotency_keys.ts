import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "messages" ADD COLUMN "client_key" varchar;
  CREATE UNIQUE INDEX "sender_clientKey_idx" ON "messages" USING btree ("sender_id","client_key");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "sender_clientKey_idx";
  ALTER TABLE "messages" DROP COLUMN "client_key";`)
}
