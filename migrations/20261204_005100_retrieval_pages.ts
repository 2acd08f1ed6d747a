import { retrievalMigration } from '@askfolio/payload-retrieval'
import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/* The retrieval schema's version 2: chunks keep the page of the file they come from. */
export async function up(args: MigrateUpArgs): Promise<void> {
  await retrievalMigration.up(args)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "retrieval_chunks" DROP COLUMN IF EXISTS "page";
  COMMENT ON TABLE "retrieval_chunks" IS 'retrieval schema 1'`)
}
