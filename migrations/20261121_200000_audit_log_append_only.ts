import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  // The audit log is append-only at the database level too. The one change allowed is clearing the
  // personal fields of an entry (user, IP, user agent), as deleting or erasing a user does.
  await db.execute(sql`
  CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - ARRAY['user_id', 'ip', 'user_agent', 'updated_at'])
         = (to_jsonb(OLD) - ARRAY['user_id', 'ip', 'user_agent', 'updated_at'])
       AND (NEW.user_id IS NULL OR NEW.user_id = OLD.user_id)
       AND (NEW.ip IS NULL OR NEW.ip = OLD.ip)
       AND (NEW.user_agent IS NULL OR NEW.user_agent = OLD.user_agent) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $fn$;
  CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON "audit_logs"
    FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();
  CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON "audit_logs"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only();`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP FUNCTION IF EXISTS audit_logs_append_only() CASCADE;`)
}
