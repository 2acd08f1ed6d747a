import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_retrieval_status_source_kind" AS ENUM('collection', 'global');
  CREATE TYPE "public"."enum_retrieval_status_state" AS ENUM('indexed', 'not-indexed', 'pending', 'failed');
  CREATE TYPE "public"."enum_retrieval_runs_state" AS ENUM('running', 'done', 'failed');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'retrievalIndexDocument', 'retrievalReindexAll');
  CREATE TABLE "retrieval_chunks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"source_kind" varchar(16) NOT NULL,
  	"source_slug" varchar NOT NULL,
  	"source_id" varchar NOT NULL,
  	"chunk_index" integer NOT NULL,
  	"title" varchar NOT NULL,
  	"url" varchar,
  	"heading" varchar DEFAULT '' NOT NULL,
  	"text" text NOT NULL,
  	"hash" varchar(64) NOT NULL,
  	"model" varchar NOT NULL,
  	"embedding" vector(1536) NOT NULL,
  	"search" "tsvector" NOT NULL,
  	"doc_length" integer DEFAULT 0 NOT NULL,
  	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "rate_limits" (
  	"key" varchar NOT NULL,
  	"window_start" timestamp (3) with time zone NOT NULL,
  	"count" integer DEFAULT 0 NOT NULL,
  	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
  );
  
  CREATE TABLE "retrieval_stats" (
  	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
  	"chunks" integer DEFAULT 0 NOT NULL,
  	"total_length" bigint DEFAULT 0 NOT NULL
  );
  
  CREATE TABLE "retrieval_terms" (
  	"term" varchar PRIMARY KEY NOT NULL,
  	"df" integer DEFAULT 0 NOT NULL
  );
  
  CREATE TABLE "retrieval_status" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"source" varchar NOT NULL,
  	"source_kind" "enum_retrieval_status_source_kind" NOT NULL,
  	"source_id" varchar NOT NULL,
  	"url" varchar,
  	"state" "enum_retrieval_status_state" NOT NULL,
  	"chunks" numeric DEFAULT 0,
  	"embedded" numeric DEFAULT 0,
  	"error" varchar,
  	"indexed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "retrieval_runs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"state" "enum_retrieval_runs_state" NOT NULL,
  	"total" numeric DEFAULT 0,
  	"processed" numeric DEFAULT 0,
  	"embedded" numeric DEFAULT 0,
  	"failed" numeric DEFAULT 0,
  	"cursor" varchar,
  	"error" varchar,
  	"finished_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"concurrency_key" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "retrieval_chunks_source_idx" ON "retrieval_chunks" USING btree ("source_slug","source_id");
  CREATE INDEX "retrieval_chunks_embedding_idx" ON "retrieval_chunks" USING hnsw ("embedding" vector_cosine_ops);
  CREATE INDEX "retrieval_chunks_search_idx" ON "retrieval_chunks" USING gin ("search");
  CREATE INDEX "retrieval_status_source_idx" ON "retrieval_status" USING btree ("source");
  CREATE INDEX "retrieval_status_state_idx" ON "retrieval_status" USING btree ("state");
  CREATE INDEX "retrieval_status_updated_at_idx" ON "retrieval_status" USING btree ("updated_at");
  CREATE INDEX "retrieval_status_created_at_idx" ON "retrieval_status" USING btree ("created_at");
  CREATE UNIQUE INDEX "source_sourceId_idx" ON "retrieval_status" USING btree ("source","source_id");
  CREATE INDEX "retrieval_runs_state_idx" ON "retrieval_runs" USING btree ("state");
  CREATE INDEX "retrieval_runs_updated_at_idx" ON "retrieval_runs" USING btree ("updated_at");
  CREATE INDEX "retrieval_runs_created_at_idx" ON "retrieval_runs" USING btree ("created_at");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_concurrency_key_idx" ON "payload_jobs" USING btree ("concurrency_key");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");`)

  // BM25 needs corpus statistics that PostgreSQL's full-text search does not keep: each chunk's
  // length in tokens, how many chunks hold each lexeme, and the number and total length of chunks.
  // Triggers keep them exact through every insert, update and delete. Terms are upserted in sorted
  // order, so concurrent indexing transactions take their row locks in the same order.
  await db.execute(sql`
  INSERT INTO "retrieval_stats" ("id", "chunks", "total_length") VALUES (1, 0, 0) ON CONFLICT DO NOTHING;

  CREATE OR REPLACE FUNCTION retrieval_chunks_length() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    NEW.doc_length := coalesce((SELECT sum(array_length(u.positions, 1)) FROM unnest(NEW.search) AS u), 0);
    RETURN NEW;
  END
  $fn$;

  CREATE OR REPLACE FUNCTION retrieval_chunks_statistics() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      INSERT INTO retrieval_terms AS t (term, df)
        SELECT u.lexeme, -1 FROM unnest(OLD.search) AS u ORDER BY u.lexeme
        ON CONFLICT (term) DO UPDATE SET df = t.df - 1;
      UPDATE retrieval_stats SET chunks = chunks - 1, total_length = total_length - OLD.doc_length WHERE id = 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO retrieval_terms AS t (term, df)
        SELECT u.lexeme, 1 FROM unnest(NEW.search) AS u ORDER BY u.lexeme
        ON CONFLICT (term) DO UPDATE SET df = t.df + 1;
      UPDATE retrieval_stats SET chunks = chunks + 1, total_length = total_length + NEW.doc_length WHERE id = 1;
    END IF;
    RETURN NULL;
  END
  $fn$;

  CREATE TRIGGER retrieval_chunks_length BEFORE INSERT OR UPDATE OF search ON "retrieval_chunks"
    FOR EACH ROW EXECUTE FUNCTION retrieval_chunks_length();
  CREATE TRIGGER retrieval_chunks_statistics AFTER INSERT OR DELETE OR UPDATE OF search ON "retrieval_chunks"
    FOR EACH ROW EXECUTE FUNCTION retrieval_chunks_statistics();`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(
    sql`DROP FUNCTION IF EXISTS retrieval_chunks_statistics() CASCADE; DROP FUNCTION IF EXISTS retrieval_chunks_length() CASCADE;`,
  )
  await db.execute(sql`
   DROP TABLE "retrieval_chunks" CASCADE;
  DROP TABLE "rate_limits" CASCADE;
  DROP TABLE "retrieval_stats" CASCADE;
  DROP TABLE "retrieval_terms" CASCADE;
  DROP TABLE "retrieval_status" CASCADE;
  DROP TABLE "retrieval_runs" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TYPE "public"."enum_retrieval_status_source_kind";
  DROP TYPE "public"."enum_retrieval_status_state";
  DROP TYPE "public"."enum_retrieval_runs_state";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
