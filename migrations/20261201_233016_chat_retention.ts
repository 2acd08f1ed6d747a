import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** The chat plugin's retention job (@askfolio/payload-chat, retention/): its task slug. */

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'prune-chat-sessions' BEFORE 'send-email';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'prune-chat-sessions' BEFORE 'send-email';`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DELETE FROM "payload_jobs_log" WHERE "task_slug" = 'prune-chat-sessions';
  DELETE FROM "payload_jobs" WHERE "task_slug" = 'prune-chat-sessions';
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll', 'retrievalRetryFailed', 'send-email', 'send-editor-digest', 'expire-verification-links');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll', 'retrievalRetryFailed', 'send-email', 'send-editor-digest', 'expire-verification-links');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}
