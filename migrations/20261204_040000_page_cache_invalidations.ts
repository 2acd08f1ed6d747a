import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/*
 * The log through which every web instance hears which cached pages a write changed
 * (src/pageCache/invalidationLog.ts). `txid` is the writing transaction, so a reader can tell which
 * entries may still commit: see readInvalidationsSql.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE IF NOT EXISTS "page_cache_invalidations" (
    "id" bigserial PRIMARY KEY,
    "tags" text[] NOT NULL,
    "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "created_at" timestamp(3) with time zone NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS "page_cache_invalidations_txid_idx" ON "page_cache_invalidations" ("txid");
  CREATE INDEX IF NOT EXISTS "page_cache_invalidations_created_at_idx" ON "page_cache_invalidations" ("created_at")`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "page_cache_invalidations"`)
}
