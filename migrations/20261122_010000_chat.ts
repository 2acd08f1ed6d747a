import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_chat_messages_status" AS ENUM('complete', 'failed', 'stopped');
  CREATE TYPE "public"."enum_chat_messages_rating" AS ENUM('up', 'down');
  CREATE TABLE "chat_sessions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"public_id" varchar NOT NULL,
  	"message_count" numeric DEFAULT 0,
  	"last_message_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "chat_messages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"public_id" varchar NOT NULL,
  	"session_id" integer NOT NULL,
  	"question" varchar NOT NULL,
  	"query" varchar,
  	"answer" varchar,
  	"sources" jsonb,
  	"unanswered" boolean DEFAULT false,
  	"status" "enum_chat_messages_status" DEFAULT 'complete',
  	"error" varchar,
  	"model" varchar,
  	"retrieval_ms" numeric,
  	"first_token_ms" numeric,
  	"total_ms" numeric,
  	"rating" "enum_chat_messages_rating",
  	"comment" varchar,
  	"rated_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "chat_sessions_public_id_idx" ON "chat_sessions" USING btree ("public_id");
  CREATE INDEX "chat_sessions_last_message_at_idx" ON "chat_sessions" USING btree ("last_message_at");
  CREATE INDEX "chat_sessions_updated_at_idx" ON "chat_sessions" USING btree ("updated_at");
  CREATE INDEX "chat_sessions_created_at_idx" ON "chat_sessions" USING btree ("created_at");
  CREATE UNIQUE INDEX "chat_messages_public_id_idx" ON "chat_messages" USING btree ("public_id");
  CREATE INDEX "chat_messages_session_idx" ON "chat_messages" USING btree ("session_id");
  CREATE INDEX "chat_messages_unanswered_idx" ON "chat_messages" USING btree ("unanswered");
  CREATE INDEX "chat_messages_status_idx" ON "chat_messages" USING btree ("status");
  CREATE INDEX "chat_messages_rating_idx" ON "chat_messages" USING btree ("rating");
  CREATE INDEX "chat_messages_updated_at_idx" ON "chat_messages" USING btree ("updated_at");
  CREATE INDEX "chat_messages_created_at_idx" ON "chat_messages" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "chat_sessions" CASCADE;
  DROP TABLE "chat_messages" CASCADE;
  DROP TYPE "public"."enum_chat_messages_status";
  DROP TYPE "public"."enum_chat_messages_rating";`)
}
