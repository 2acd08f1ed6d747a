import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

type Executor = { execute: (query: SQL) => Promise<unknown> }
type Adapter = { drizzle: Executor; sessions?: Record<number | string, { db: Executor } | undefined> }

/**
 * Runs raw SQL inside `req`'s transaction when it has one (as the Local API does with `req`), so it
 * commits or rolls back with the rest of the work; returns the rows and how many rows it touched.
 */
export async function runSql<T = Record<string, unknown>>(
  req: PayloadRequest,
  query: SQL,
): Promise<{ count: number; rows: T[] }> {
  const adapter = req.payload.db as unknown as Adapter
  const id = req.transactionID ? await req.transactionID : undefined
  const db = (id !== undefined && adapter.sessions?.[id]?.db) || adapter.drizzle
  const result = (await db.execute(query)) as { rowCount?: null | number; rows: T[] }
  return { count: result.rowCount ?? result.rows.length, rows: result.rows }
}
