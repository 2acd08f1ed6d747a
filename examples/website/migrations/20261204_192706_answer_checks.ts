import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_chat_checks_last_result" AS ENUM('pass', 'fail');
  CREATE TYPE "public"."enum_chat_checks_last_run_by" AS ENUM('publish', 'schedule', 'command');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'chat-run-answer-checks';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'chat-run-answer-checks';
  CREATE TABLE "chat_checks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"question" varchar NOT NULL,
  	"expected_collection" varchar NOT NULL,
  	"expected_id" varchar NOT NULL,
  	"last_result" "enum_chat_checks_last_result",
  	"last_reason" varchar,
  	"last_run_at" timestamp(3) with time zone,
  	"last_run_by" "enum_chat_checks_last_run_by",
  	"last_answer" varchar,
  	"broken_by_collection" varchar,
  	"broken_by_document_id" varchar,
  	"broken_by_user_id" varchar,
  	"broken_by_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "chat_checks_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "chat_checks_id" integer;
  ALTER TABLE "chat_checks_texts" ADD CONSTRAINT "chat_checks_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."chat_checks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "chat_checks_expected_collection_idx" ON "chat_checks" USING btree ("expected_collection");
  CREATE INDEX "chat_checks_expected_id_idx" ON "chat_checks" USING btree ("expected_id");
  CREATE INDEX "chat_checks_last_result_idx" ON "chat_checks" USING btree ("last_result");
  CREATE INDEX "chat_checks_updated_at_idx" ON "chat_checks" USING btree ("updated_at");
  CREATE INDEX "chat_checks_created_at_idx" ON "chat_checks" USING btree ("created_at");
  CREATE INDEX "chat_checks_texts_order_parent" ON "chat_checks_texts" USING btree ("order","parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_chat_checks_fk" FOREIGN KEY ("chat_checks_id") REFERENCES "public"."chat_checks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_chat_checks_id_idx" ON "payload_locked_documents_rels" USING btree ("chat_checks_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "chat_checks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "chat_checks_texts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "chat_checks" CASCADE;
  DROP TABLE "chat_checks_texts" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_chat_checks_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll', 'retrievalRetryFailed', 'prune-chat-sessions');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll', 'retrievalRetryFailed', 'prune-chat-sessions');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_chat_checks_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "chat_checks_id";
  DROP TYPE "public"."enum_chat_checks_last_result";
  DROP TYPE "public"."enum_chat_checks_last_run_by";`)
}
