import pg from 'pg'

import { type DatabaseFacts, databaseFacts, type RunQuery } from './databaseFacts'
import { libpqConnection, pgTool, runTool } from './pgTools'

/**
 * Replaces the database's contents with a pg_dump archive: objects the dump holds are dropped and
 * recreated (`--clean --if-exists`), in one transaction, so a failure leaves the database as it was.
 * Ownership is not restored (`--no-owner`): the objects belong to the user of DATABASE_URL.
 */
export async function restoreNative(url: string, file: string): Promise<void> {
  const { dbname, env } = libpqConnection(url)
  await runTool(
    pgTool('pg_restore'),
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--exit-on-error',
      '--no-password',
      `--dbname=${dbname}`,
      file,
    ],
    env,
  )
}

/** The facts of a native database as it is now. */
export async function nativeFacts(url: string): Promise<DatabaseFacts> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await databaseFacts((async <T>(sql: string) => (await client.query(sql)).rows as T[]) as RunQuery)
  } finally {
    await client.end()
  }
}
