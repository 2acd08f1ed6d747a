import type { ChunkTable } from '../store/chunkTable'
import type { QueryExpander } from '../types'
import type { Candidate } from './fullTextCandidates'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { type Database, queryRows } from '../store/database'

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i], 0)

// A small k, and meaning counting twice the BM25 order: every word of such a query matched only
// through stand-ins, so its BM25 order is loose. On a 30-page portfolio's evaluation set, k 10 kept every site's-words
// question first; weight 2 put 18 of the 25 other-words questions' pages in the first three, against
// 16 at equal weights.
const fusionK = 10
const meaningWeight = 2

/**
 * Reorders full-text candidates by reciprocal rank fusion of their BM25 order and how close the
 * meaning of each one's document (its words' vectors, averaged) is to the query's. Used when every
 * word of the query needed stand-ins (see searchIndex): they reach the right pages, but loosely, and
 * the averaged vectors tell the page about clinics from the one that merely mentions "care" for a
 * question about hospitals. Whole documents, not chunks: a chunk is too short for its average to
 * say what the page is about (measured: fewer right pages first). Reads the candidates' documents
 * once; costs nothing for a query whose words the index holds.
 */
export async function rankByMeaning(
  db: Database,
  {
    candidates,
    chunks,
    expander,
    query,
  }: { candidates: Candidate[]; chunks: ChunkTable; expander: QueryExpander; query: string },
): Promise<Candidate[]> {
  const target = await expander.vectorOf?.(query)
  if (!target || candidates.length < 2) return candidates
  const documents = [...new Set(candidates.map((candidate) => candidate.document))]
  const rows = await queryRows<{ document: string; text: string }>(
    db,
    sql`
    select source_slug || ':' || source_id as document, string_agg(concat_ws(' ', title, heading, text), ' ' order by chunk_index) as text
    from ${chunks} where source_slug || ':' || source_id = any(${sql.param(documents)}::text[]) group by 1`,
  )
  const byDocument = new Map<string, number>()
  for (const row of rows) {
    const vector = await expander.vectorOf!(row.text)
    byDocument.set(row.document, vector ? dot(target, vector) : -1)
  }
  const closeness = new Map(candidates.map((candidate) => [candidate.id, byDocument.get(candidate.document) ?? -1]))
  const byMeaning = [...candidates].sort((a, b) => (closeness.get(b.id) ?? -1) - (closeness.get(a.id) ?? -1))
  const meaningRank = new Map(byMeaning.map((candidate, i) => [candidate.id, i]))
  const fused = (candidate: Candidate, i: number) =>
    1 / (fusionK + i + 1) + meaningWeight / (fusionK + meaningRank.get(candidate.id)! + 1)
  return candidates
    .map((candidate, i) => ({ candidate, score: fused(candidate, i) }))
    .sort((a, b) => b.score - a.score)
    .map(({ candidate }) => candidate)
}
