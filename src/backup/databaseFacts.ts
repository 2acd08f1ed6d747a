/** Runs one SQL statement and gives its rows (node-postgres, PGlite: whichever holds the snapshot). */
export type RunQuery = <T>(sql: string) => Promise<T[]>

export type DatabaseFacts = { migrations: string[]; rowCounts: Record<string, number>; serverVersion: string }

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The tables of the public schema, by name. */
export async function publicTables(query: RunQuery): Promise<string[]> {
  const rows = await query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  )
  return rows.map((row) => row.name)
}

/** What the manifest records about a database: applied migrations and rows per table. */
export async function databaseFacts(query: RunQuery): Promise<DatabaseFacts> {
  const tables = await publicTables(query)
  const rowCounts: Record<string, number> = {}
  for (const table of tables) {
    const [row] = await query<{ count: number | string }>(`select count(*) as count from ${quote(table)}`)
    rowCounts[table] = Number(row?.count ?? 0)
  }
  const migrations = tables.includes('payload_migrations')
    ? (await query<{ name: string }>("select name from payload_migrations where name <> 'dev' order by id")).map(
        (row) => row.name,
      )
    : []
  const [version] = await query<{ server_version: string }>('show server_version')
  return { migrations, rowCounts, serverVersion: version?.server_version ?? 'unknown' }
}

/** The tables whose row counts differ, as "table: expected → actual". */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)])
  return [...names]
    .filter((name) => expected[name] !== actual[name])
    .map((name) => `${name}: ${expected[name] ?? 'none'} → ${actual[name] ?? 'none'}`)
}
