import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

// Personal data: the `erase` audit action, the signed-in user on chat sessions, and an audit trigger
// that also lets erasure clear which user account an entry is about (document_id of a `users` entry).

/** The audit log's guard (20261121_200000_audit_log_append_only), given which columns may be cleared. */
const appendOnlyFunction = (clearDocumentOfUsers: boolean) =>
  sql.raw(`
  CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - ARRAY['user_id', 'ip', 'user_agent', ${clearDocumentOfUsers ? "'document_id', " : ''}'updated_at'])
         = (to_jsonb(OLD) - ARRAY['user_id', 'ip', 'user_agent', ${clearDocumentOfUsers ? "'document_id', " : ''}'updated_at'])
       AND (NEW.user_id IS NULL OR NEW.user_id = OLD.user_id)
       AND (NEW.ip IS NULL OR NEW.ip = OLD.ip)
       AND (NEW.user_agent IS NULL OR NEW.user_agent = OLD.user_agent)${
         clearDocumentOfUsers
           ? `
       AND (NEW.document_id IS NOT DISTINCT FROM OLD.document_id OR (NEW.document_id IS NULL AND OLD.entity = 'users'))`
           : ''
       } THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $fn$;`)

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_audit_logs_action" ADD VALUE 'erase';
  ALTER TABLE "chat_sessions" ADD COLUMN "user_id" integer;
  ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "chat_sessions_user_idx" ON "chat_sessions" USING btree ("user_id");`)
  await db.execute(appendOnlyFunction(true))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(appendOnlyFunction(false))
  await db.execute(sql`
   ALTER TABLE "chat_sessions" DROP CONSTRAINT "chat_sessions_user_id_users_id_fk";
  
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_logs_action";
  CREATE TYPE "public"."enum_audit_logs_action" AS ENUM('create', 'update', 'delete', 'trash', 'restore', 'publish', 'unpublish', 'login', 'logout');
  ALTER TABLE "audit_logs" ALTER COLUMN "action" SET DATA TYPE "public"."enum_audit_logs_action" USING "action"::"public"."enum_audit_logs_action";
  DROP INDEX "chat_sessions_user_idx";
  ALTER TABLE "chat_sessions" DROP COLUMN "user_id";`)
}
