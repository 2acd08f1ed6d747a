import type { Config } from 'payload'

import type { ChunkTable, PostingsTable } from './chunkTable'

import { rateLimitTable, rateLimitTableName } from '../rateLimit/rateLimitTable'
import { chunkTableName, postingsTableName, statsTable, statsTableName, termsTable, termsTableName } from './chunkTable'

type SchemaHookArgs = { schema: { tables: Record<string, unknown> } & Record<string, unknown> }
type PostgresLikeAdapter = { beforeSchemaInit?: ((args: SchemaHookArgs) => unknown)[]; name: string }

/**
 * Adds the chunk table, its postings and statistics to the database adapter's Drizzle schema. The adapter is created by
 * `config.db.init`, so the plugin wraps that function and registers a `beforeSchemaInit` hook on the
 * adapter it returns.
 */
export function installChunkTable(db: Config['db'], table: ChunkTable, postings: PostingsTable): Config['db'] {
  return {
    ...db,
    init: (args) => {
      const created = db.init(args)
      // Typed as any adapter; checked just below to be the postgres one (it has schema hooks).
      const adapter = created as unknown as PostgresLikeAdapter
      if (!Array.isArray(adapter.beforeSchemaInit)) {
        throw new Error(`retrievalPlugin needs a PostgreSQL adapter with pgvector, not "${adapter.name}"`)
      }
      adapter.beforeSchemaInit.push(({ schema }) => ({
        ...schema,
        tables: {
          ...schema.tables,
          [chunkTableName]: table,
          [postingsTableName]: postings,
          [rateLimitTableName]: rateLimitTable,
          [statsTableName]: statsTable,
          [termsTableName]: termsTable,
        },
      }))
      return created
    },
  }
}
