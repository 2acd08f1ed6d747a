import type { Config } from 'payload'

/**
 * The plugin's SQL is PostgreSQL's (pgvector, tsvector, plpgsql triggers), so it refuses any other
 * adapter when the config is built, before anything connects.
 */
export function requirePostgres(db: Config['db']): void {
  if (db?.name !== 'postgres') {
    throw new Error(
      `retrievalPlugin needs Payload's PostgreSQL adapter (@payloadcms/db-postgres) with pgvector, not "${db?.name ?? 'unknown'}"`,
    )
  }
}
