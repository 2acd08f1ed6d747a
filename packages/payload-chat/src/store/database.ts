import type { Payload } from 'payload'

import { adapterOf, databaseOf, queryRows as retrievalRows } from '@askfolio/payload-retrieval'
import { SQL, sql } from '@payloadcms/db-postgres/drizzle'

/**
 * The chat plugin's one way into the database, for what Payload's Local API cannot express in one
 * round trip (a message written with its session's counters, a session read with its history) or at
 * all (the insights' counts and groupings). Tables come from the adapter, so a configured schema or
 * table name is respected. The chat needs the retrieval plugin, which refuses to start on any
 * adapter but postgres, so it reads the adapter and runs its SQL through retrieval's gateway.
 */

/** A collection's Drizzle table, as the adapter built it (it keys tables by the slug in snake case). */
export function collectionTable(payload: Payload, slug: string): Record<string, unknown> {
  const adapter = adapterOf(payload)
  const name = adapter.tableNameMap?.get(slug.replace(/-/g, '_'))
  const table = name ? (adapter.tables?.[name] as Record<string, unknown> | undefined) : undefined
  if (!table) throw new Error(`The chat needs the PostgreSQL adapter's table for ${slug}.`)
  return table
}

/** A Drizzle table and its columns, keyed by field name; interpolated into `sql`, they render as quoted names. */
export type ColumnsOf<Field extends string> = Record<Field, unknown>

/** A collection's table with the columns of `fields` checked present, so SQL never names a column that is not there. */
export function tableWithColumns<Field extends string>(
  payload: Payload,
  slug: string,
  fields: readonly Field[],
): ColumnsOf<Field> {
  const table = collectionTable(payload, slug)
  const missing = fields.filter((field) => !table[field])
  if (missing.length > 0) throw new Error(`The ${slug} table has no column for ${missing.join(', ')}.`)
  return table as ColumnsOf<Field>
}

/**
 * A column's own name, for an insert's column list and an update's `set` (interpolated as it is, a
 * column renders qualified by its table, which neither accepts).
 */
export const columnName = (column: unknown): SQL => sql`${sql.identifier((column as { name: string }).name)}`

/**
 * A value as a parameter: an object or array as JSON text (for a `json` field; Drizzle would make a
 * bare array a list), SQL as it is (a subquery).
 */
const parameter = (value: unknown) =>
  value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof SQL)
    ? JSON.stringify(value)
    : value

/** `insert into <table> (<columns>) values (<values>)`, the columns taken from the table by field name (no `returning`). */
export function insertInto(payload: Payload, slug: string, values: Record<string, unknown>): SQL {
  const fields = Object.keys(values)
  const table = tableWithColumns(payload, slug, fields)
  return sql`insert into ${table} (${sql.join(
    fields.map((field) => columnName(table[field])),
    sql`, `,
  )}) values (${sql.join(
    fields.map((field) => sql`${parameter(values[field])}`),
    sql`, `,
  )})`
}

/** Runs raw SQL on the primary and returns its rows, typed by the caller. */
export const queryRows = <T>(payload: Payload, query: SQL): Promise<T[]> => retrievalRows<T>(databaseOf(payload), query)
