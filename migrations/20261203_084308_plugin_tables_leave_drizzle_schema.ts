import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

import { retrievalMigration } from '@askfolio/payload-retrieval'

/*
 * The retrieval plugin's tables have left Payload's Drizzle schema, so this migration's snapshot no
 * longer lists them, and `migrate:create` wrote DROP TABLE statements for all five. They are not
 * dropped: the plugin's own steps keep them (a no-op where they are complete), and the earlier
 * migrations that made them still drop them on the way down.
 */
export async function up(args: MigrateUpArgs): Promise<void> {
  await retrievalMigration.up(args)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
