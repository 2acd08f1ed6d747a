import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'
import fs from 'node:fs'
import path from 'node:path'

type DrizzleKit = {
  generateDrizzleJson: (schema: unknown) => Promise<{ version: string }>
  generateMigration: (before: unknown, after: unknown) => Promise<string[]>
  upSnapshot?: (snapshot: unknown) => unknown
}
type Adapter = {
  drizzle: { execute: (query: unknown) => Promise<unknown> }
  migrationDir: string
  requireDrizzleKit: () => DrizzleKit
  schema: unknown
}

/**
 * Creates the tables of a test's own collections on a migrated database, as `migrate:create` would
 * write them: the schema's difference from the newest migration snapshot. (Payload's dev push cannot
 * read this database's catalogue: drizzle-kit loses its query parameters through Payload's client.)
 * Every statement must name `marker`, the tables' common prefix, so nothing else is changed.
 */
export async function createTablesFor(payload: Payload, marker: string): Promise<void> {
  const { newest, statements } = await pendingSchemaChanges(payload)
  const stray = statements.filter((statement) => !statement.includes(marker))
  if (stray.length > 0)
    throw new Error(`the schema differs from ${newest} beyond the test's tables:\n${stray.join('\n')}`)
  const adapter = payload.db as unknown as Adapter
  for (const statement of statements) await adapter.drizzle.execute(sql.raw(statement))
}

/** What `migrate:create` would write now: the Drizzle schema's difference from the newest migration snapshot. */
export async function pendingSchemaChanges(payload: Payload): Promise<{ newest: string; statements: string[] }> {
  const adapter = payload.db as unknown as Adapter
  const kit = adapter.requireDrizzleKit()
  const after = await kit.generateDrizzleJson(adapter.schema)
  const newest = fs
    .readdirSync(adapter.migrationDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .at(-1)
  if (!newest) throw new Error(`no migration snapshot in ${adapter.migrationDir}`)
  let before = JSON.parse(fs.readFileSync(path.join(adapter.migrationDir, newest), 'utf8')) as { version: string }
  if (kit.upSnapshot && before.version < after.version) before = kit.upSnapshot(before) as { version: string }
  return { newest, statements: await kit.generateMigration(before, after) }
}
