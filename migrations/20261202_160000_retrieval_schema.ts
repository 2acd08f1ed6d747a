import { retrievalMigration } from '@askfolio/payload-retrieval'
import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/*
 * From here on the retrieval plugin owns its schema: its migration steps make whatever is missing.
 * On a database the earlier migrations built, everything is there and only its version is recorded.
 */
export async function up(args: MigrateUpArgs): Promise<void> {
  await retrievalMigration.up(args)
}

// Only the version marker is this migration's: the tables belong to the earlier migrations.
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`COMMENT ON TABLE "retrieval_chunks" IS NULL`)
}
