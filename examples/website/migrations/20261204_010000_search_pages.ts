import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

import { retrievalMigration } from '@askfolio/payload-retrieval'
import { sql } from '@payloadcms/db-postgres'

// The retrieval plugin's schema version 2 (chunks keep the page of a file): `up` again adds what is missing.
export const up = (args: MigrateUpArgs) => retrievalMigration.up(args)
export const down = async ({ db }: MigrateDownArgs) => {
  await db.execute(sql`ALTER TABLE "retrieval_chunks" DROP COLUMN IF EXISTS "page"`)
  await db.execute(sql`COMMENT ON TABLE "retrieval_chunks" IS 'retrieval schema 1'`)
}
