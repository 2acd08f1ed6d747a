import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_chat_messages_confidence" AS ENUM('high', 'middle', 'low');
  ALTER TABLE "chat_messages" ADD COLUMN "confidence" "enum_chat_messages_confidence";
  CREATE INDEX "chat_messages_confidence_idx" ON "chat_messages" USING btree ("confidence");`)
  // Answers given before the middle band existed were either answered or unanswered.
  await db.execute(sql`
  UPDATE "chat_messages" SET "confidence" = CASE WHEN "unanswered" THEN 'low'::"enum_chat_messages_confidence" ELSE 'high'::"enum_chat_messages_confidence" END
  WHERE "status" = 'complete';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "chat_messages_confidence_idx";
  ALTER TABLE "chat_messages" DROP COLUMN "confidence";
  DROP TYPE "public"."enum_chat_messages_confidence";`)
}
