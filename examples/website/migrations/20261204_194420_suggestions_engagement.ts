import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_chat_engagement_kind" AS ENUM('view', 'open', 'question', 'click');
  CREATE TABLE "chat_engagement" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"day" timestamp(3) with time zone NOT NULL,
  	"kind" "enum_chat_engagement_kind" NOT NULL,
  	"page" varchar NOT NULL,
  	"target" varchar DEFAULT '' NOT NULL,
  	"count" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "chat_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "chat_settings_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "chat_settings_texts" ADD CONSTRAINT "chat_settings_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."chat_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "chat_engagement_day_idx" ON "chat_engagement" USING btree ("day");
  CREATE INDEX "chat_engagement_updated_at_idx" ON "chat_engagement" USING btree ("updated_at");
  CREATE INDEX "chat_engagement_created_at_idx" ON "chat_engagement" USING btree ("created_at");
  CREATE UNIQUE INDEX "day_kind_page_target_idx" ON "chat_engagement" USING btree ("day","kind","page","target");
  CREATE INDEX "chat_settings_texts_order_parent" ON "chat_settings_texts" USING btree ("order","parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "chat_engagement" CASCADE;
  DROP TABLE "chat_settings" CASCADE;
  DROP TABLE "chat_settings_texts" CASCADE;
  DROP TYPE "public"."enum_chat_engagement_kind";`)
}
