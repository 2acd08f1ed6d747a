import fs from 'node:fs'
import pg from 'pg'

import { type DatabaseFacts, databaseFacts, type RunQuery } from './databaseFacts'
import { libpqConnection, pgTool, runTool, toolMajorVersion } from './pgTools'

/** Refuses a pg_dump older than the server: it cannot read a newer server's catalogs. */
export async function checkDumpVersion(serverVersionNum: number): Promise<void> {
  const serverMajor = Math.floor(serverVersionNum / 10_000)
  const dumpMajor = await toolMajorVersion(pgTool('pg_dump'))
  if (dumpMajor < serverMajor) {
    throw new Error(
      `pg_dump is version ${dumpMajor} but the server runs PostgreSQL ${serverMajor}: install the PostgreSQL ${serverMajor} client tools (or newer) or point PG_BIN_DIR at them`,
    )
  }
}

/**
 * pg_dump --format=custom of a native server into `file`. The manifest's facts are read in the very
 * snapshot pg_dump dumps (an exported snapshot, held open by a repeatable-read transaction), so the
 * row counts match the dump exactly even while the app keeps writing.
 */
export async function dumpNative(url: string, file: string): Promise<DatabaseFacts> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const [{ server_version_num }] = (await client.query<{ server_version_num: string }>('show server_version_num'))
      .rows
    await checkDumpVersion(Number(server_version_num))
    await client.query('begin isolation level repeatable read read only')
    const [{ snapshot }] = (await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot')).rows
    const query: RunQuery = async <T>(sql: string) => (await client.query(sql)).rows as T[]
    const facts = await databaseFacts(query)
    const { dbname, env } = libpqConnection(url)
    await runTool(
      pgTool('pg_dump'),
      ['--format=custom', `--snapshot=${snapshot}`, '--no-password', `--file=${file}`, `--dbname=${dbname}`],
      env,
    )
    await client.query('commit')
    if (!fs.existsSync(file)) throw new Error('pg_dump wrote no file')
    return facts
  } finally {
    await client.end()
  }
}
