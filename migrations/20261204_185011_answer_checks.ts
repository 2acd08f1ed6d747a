import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_faq_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__faq_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_chat_checks_last_result" AS ENUM('pass', 'fail');
  CREATE TYPE "public"."enum_chat_checks_last_run_by" AS ENUM('publish', 'schedule', 'command');
  ALTER TYPE "public"."enum_roles_permissions_resource" ADD VALUE 'faq' BEFORE 'documents';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'chat-run-answer-checks' BEFORE 'send-email';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'chat-run-answer-checks' BEFORE 'send-email';
  CREATE TABLE "faq" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"question" varchar,
  	"answer" jsonb,
  	"slug" varchar,
  	"author_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"deleted_at" timestamp(3) with time zone,
  	"_status" "enum_faq_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "faq_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "_faq_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_question" varchar,
  	"version_answer" jsonb,
  	"version_slug" varchar,
  	"version_author_id" integer,
  	"version_published_at" timestamp(3) with time zone,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version_deleted_at" timestamp(3) with time zone,
  	"version__status" "enum__faq_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_faq_v_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
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
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "faq_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "chat_checks_id" integer;
  ALTER TABLE "faq" ADD CONSTRAINT "faq_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "faq_texts" ADD CONSTRAINT "faq_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."faq"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_faq_v" ADD CONSTRAINT "_faq_v_parent_id_faq_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."faq"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_faq_v" ADD CONSTRAINT "_faq_v_version_author_id_users_id_fk" FOREIGN KEY ("version_author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_faq_v_texts" ADD CONSTRAINT "_faq_v_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_faq_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "chat_checks_texts" ADD CONSTRAINT "chat_checks_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."chat_checks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "faq_slug_idx" ON "faq" USING btree ("slug");
  CREATE INDEX "faq_author_idx" ON "faq" USING btree ("author_id");
  CREATE INDEX "faq_published_at_idx" ON "faq" USING btree ("published_at");
  CREATE INDEX "faq_updated_at_idx" ON "faq" USING btree ("updated_at");
  CREATE INDEX "faq_created_at_idx" ON "faq" USING btree ("created_at");
  CREATE INDEX "faq_deleted_at_idx" ON "faq" USING btree ("deleted_at");
  CREATE INDEX "faq__status_idx" ON "faq" USING btree ("_status");
  CREATE INDEX "faq_texts_order_parent" ON "faq_texts" USING btree ("order","parent_id");
  CREATE INDEX "_faq_v_parent_idx" ON "_faq_v" USING btree ("parent_id");
  CREATE INDEX "_faq_v_version_version_slug_idx" ON "_faq_v" USING btree ("version_slug");
  CREATE INDEX "_faq_v_version_version_author_idx" ON "_faq_v" USING btree ("version_author_id");
  CREATE INDEX "_faq_v_version_version_published_at_idx" ON "_faq_v" USING btree ("version_published_at");
  CREATE INDEX "_faq_v_version_version_updated_at_idx" ON "_faq_v" USING btree ("version_updated_at");
  CREATE INDEX "_faq_v_version_version_created_at_idx" ON "_faq_v" USING btree ("version_created_at");
  CREATE INDEX "_faq_v_version_version_deleted_at_idx" ON "_faq_v" USING btree ("version_deleted_at");
  CREATE INDEX "_faq_v_version_version__status_idx" ON "_faq_v" USING btree ("version__status");
  CREATE INDEX "_faq_v_created_at_idx" ON "_faq_v" USING btree ("created_at");
  CREATE INDEX "_faq_v_updated_at_idx" ON "_faq_v" USING btree ("updated_at");
  CREATE INDEX "_faq_v_latest_idx" ON "_faq_v" USING btree ("latest");
  CREATE INDEX "_faq_v_texts_order_parent" ON "_faq_v_texts" USING btree ("order","parent_id");
  CREATE INDEX "chat_checks_expected_collection_idx" ON "chat_checks" USING btree ("expected_collection");
  CREATE INDEX "chat_checks_expected_id_idx" ON "chat_checks" USING btree ("expected_id");
  CREATE INDEX "chat_checks_last_result_idx" ON "chat_checks" USING btree ("last_result");
  CREATE INDEX "chat_checks_updated_at_idx" ON "chat_checks" USING btree ("updated_at");
  CREATE INDEX "chat_checks_created_at_idx" ON "chat_checks" USING btree ("created_at");
  CREATE INDEX "chat_checks_texts_order_parent" ON "chat_checks_texts" USING btree ("order","parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_faq_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faq"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_chat_checks_fk" FOREIGN KEY ("chat_checks_id") REFERENCES "public"."chat_checks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_faq_id_idx" ON "payload_locked_documents_rels" USING btree ("faq_id");
  CREATE INDEX "payload_locked_documents_rels_chat_checks_id_idx" ON "payload_locked_documents_rels" USING btree ("chat_checks_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "faq" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "faq_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_faq_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_faq_v_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "chat_checks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "chat_checks_texts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "faq" CASCADE;
  DROP TABLE "faq_texts" CASCADE;
  DROP TABLE "_faq_v" CASCADE;
  DROP TABLE "_faq_v_texts" CASCADE;
  DROP TABLE "chat_checks" CASCADE;
  DROP TABLE "chat_checks_texts" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_faq_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_chat_checks_fk";
  
  ALTER TABLE "roles_permissions" ALTER COLUMN "resource" SET DATA TYPE text;
  DROP TYPE "public"."enum_roles_permissions_resource";
  CREATE TYPE "public"."enum_roles_permissions_resource" AS ENUM('projects', 'blog-posts', 'documents', 'skills', 'media', 'profile', 'users', 'roles', 'audit-logs', 'chat');
  ALTER TABLE "roles_permissions" ALTER COLUMN "resource" SET DATA TYPE "public"."enum_roles_permissions_resource" USING "resource"::"public"."enum_roles_permissions_resource";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll', 'retrievalRetryFailed', 'prune-chat-sessions', 'send-email', 'send-editor-digest', 'expire-verification-links');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll', 'retrievalRetryFailed', 'prune-chat-sessions', 'send-email', 'send-editor-digest', 'expire-verification-links');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_faq_id_idx";
  DROP INDEX "payload_locked_documents_rels_chat_checks_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "faq_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "chat_checks_id";
  DROP TYPE "public"."enum_faq_status";
  DROP TYPE "public"."enum__faq_v_version_status";
  DROP TYPE "public"."enum_chat_checks_last_result";
  DROP TYPE "public"."enum_chat_checks_last_run_by";`)
}
