import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "media" ADD COLUMN "prefix" varchar DEFAULT 'public/media';
  ALTER TABLE "media" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "message_attachments" ADD COLUMN "prefix" varchar DEFAULT 'private/message-attachments';
  ALTER TABLE "message_attachments" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "verification_documents" ADD COLUMN "prefix" varchar DEFAULT 'private/verification-documents';
  ALTER TABLE "verification_documents" ADD COLUMN "_objectkey" varchar;
  ALTER TABLE "exports" ADD COLUMN "prefix" varchar DEFAULT 'private/exports';
  ALTER TABLE "exports" ADD COLUMN "_objectkey" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "media" DROP COLUMN "prefix";
  ALTER TABLE "media" DROP COLUMN "_objectkey";
  ALTER TABLE "message_attachments" DROP COLUMN "prefix";
  ALTER TABLE "message_attachments" DROP COLUMN "_objectkey";
  ALTER TABLE "verification_documents" DROP COLUMN "prefix";
  ALTER TABLE "verification_documents" DROP COLUMN "_objectkey";
  ALTER TABLE "exports" DROP COLUMN "prefix";
  ALTER TABLE "exports" DROP COLUMN "_objectkey";`)
}
