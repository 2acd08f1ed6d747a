import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

import { retrievalMigration } from '@askfolio/payload-retrieval'

// The retrieval plugin's schema (chunks, full-text index, vectors, statistics), from its own steps.
export const up = (args: MigrateUpArgs) => retrievalMigration.up(args)
export const down = (args: MigrateDownArgs) => retrievalMigration.down(args)
