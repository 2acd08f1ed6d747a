import { sql } from '@payloadcms/db-postgres/drizzle'

import { termsTable } from './chunkTable'
import { type Database, queryRows, regconfig } from './database'

export type WordFrequency = { df: number; lexeme: string; word: string }

/**
 * For each word, its lexemes (as the text search configuration stems it) and how many chunks hold
 * each, summed over the statistics' shards. Stop words have no lexeme and are left out.
 */
export async function readWordFrequencies(db: Database, words: string[], language: string): Promise<WordFrequency[]> {
  if (words.length === 0) return []
  const rows = await queryRows<{ df: number | string; lexeme: string; word: string }>(
    db,
    sql`
    select w.word, l.lexeme, coalesce((select sum(f.df) from ${termsTable} f where f.term = l.lexeme), 0) as df
    from unnest(${sql.param(words)}::text[]) as w(word)
    cross join lateral unnest(to_tsvector(${regconfig(language)}, w.word)) as l`,
  )
  return rows.map((row) => ({ df: Number(row.df), lexeme: row.lexeme, word: row.word }))
}
