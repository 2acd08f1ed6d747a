import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

import { listFiles } from '../../src/backup/mediaFiles'

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * Every row of every table in the public schema (ordered by primary key, or by the whole row where a
 * table has none) and the value of every sequence: what a restore must bring back exactly. Vectors
 * come back as their text form, so embeddings compare value by value.
 */
export async function databaseContents(
  url: string,
): Promise<{ sequences: Record<string, string>; tables: Record<string, unknown[]> }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string; primary_key: null | string[] }>(`
      select c.relname as name,
             (select array_agg(a.attname::text order by k.ord)
                from pg_index i cross join unnest(i.indkey) with ordinality as k(attnum, ord)
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
               where i.indrelid = c.oid and i.indisprimary) as primary_key
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
       order by c.relname`)
    const contents: Record<string, unknown[]> = {}
    for (const { name, primary_key } of tables) {
      const order = primary_key?.length ? primary_key.map(quote).join(', ') : `${quote(name)}::text`
      contents[name] = (await client.query(`select * from ${quote(name)} order by ${order}`)).rows
    }
    const sequences: Record<string, string> = {}
    const { rows: names } = await client.query<{ name: string }>(
      "select sequencename as name from pg_sequences where schemaname = 'public' order by 1",
    )
    for (const { name } of names) {
      const [row] = (
        await client.query<{ last_value: string; is_called: boolean }>(
          `select last_value, is_called from ${quote(name)}`,
        )
      ).rows
      sequences[name] = `${row.last_value}${row.is_called ? '' : ' (not called)'}`
    }
    return { sequences, tables: contents }
  } finally {
    await client.end()
  }
}

/** The files of a folder with a hash of their bytes, by relative path. */
export function folderContents(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((file) => [
      file,
      crypto
        .createHash('sha256')
        .update(fs.readFileSync(path.join(dir, file)))
        .digest('hex'),
    ]),
  )
}
