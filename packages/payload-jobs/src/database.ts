import type { PgDatabase, PgTable } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Payload } from 'payload'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = PgDatabase<any, any, any>

/** The parts of Payload's Drizzle (postgres) adapter this plugin works with. */
export type PostgresAdapter = {
  beginTransaction: () => Promise<number | string>
  commitTransaction: (id: number | string) => Promise<void>
  rollbackTransaction: (id: number | string) => Promise<void>
  drizzle: Database
  find: (args: Record<string, unknown>) => Promise<{ docs: Record<string, unknown>[] }>
  name: string
  payload: {
    config: { jobs: { enableConcurrencyControl?: boolean } }
    logger: { info: (msg: string) => void; warn: (msg: string) => void }
  }
  sessions: Record<string, { db: Database } | undefined>
  tableNameMap: Map<string, string>
  tables: Record<string, PgTable>
  updateJobs: (args: UpdateJobsArgs) => Promise<Record<string, unknown>[] | null>
}

export type UpdateJobsArgs = {
  data: Record<string, unknown>
  id?: number | string
  limit?: number
  req?: { transactionID?: number | Promise<number | string> | string }
  returning?: boolean
  sort?: unknown
  where?: Record<string, unknown>
}

/** The Drizzle handle of the request's transaction, if it has one. */
export async function transactionOf(
  adapter: PostgresAdapter,
  req: UpdateJobsArgs['req'],
): Promise<Database | undefined> {
  const id = req?.transactionID ? await req.transactionID : undefined
  return id === undefined ? undefined : adapter.sessions[String(id)]?.db
}

/** Runs raw SQL and returns its rows (node-postgres result shape). */
export async function rows<T>(db: Pick<Database, 'execute'>, query: Parameters<Database['execute']>[0]): Promise<T[]> {
  // node-postgres answers `{ rows }`; Drizzle types the result by the driver it cannot know here.
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}

/**
 * Payload's postgres adapter, as this plugin uses it. `payload.db` is typed as any adapter; the
 * plugin refuses to start on another (index.ts), so this is the one place that says which it is.
 */
export const adapterOf = (payload: Payload): PostgresAdapter => payload.db as unknown as PostgresAdapter

/** Payload's jobs table as the adapter built it, so a configured schema or table name is respected. */
export function jobsTable(adapter: Pick<PostgresAdapter, 'tableNameMap' | 'tables'>): PgTable {
  const table = adapter.tables[adapter.tableNameMap.get('payload_jobs') ?? 'payload_jobs']
  if (!table) throw new Error('jobsPlugin: the database has no table for payload-jobs')
  return table
}
