import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { getRetrievalContext, storeTables } from '../packages/payload-retrieval/src/context'
import { listTargets } from '../packages/payload-retrieval/src/reindex/listTargets'
import { statusSlug } from '../packages/payload-retrieval/src/status/collections'
import { databaseOf, queryRows } from '../packages/payload-retrieval/src/store/database'
import { writeDocuments } from '../packages/payload-retrieval/src/store/writeChunks'

/**
 * Empties the index so that the next bulk run embeds everything again (a reindex of an indexed site
 * embeds nothing), and forgets the documents' index states, so every run starts from the same state.
 * Chunks go through the store's own writer (a document written with no chunks loses them), which
 * keeps BM25's statistics and postings exact; the check afterwards reads them.
 */
export async function clearIndex(payload: Payload): Promise<void> {
  const context = getRetrievalContext(payload)
  const db = databaseOf(payload)
  const targets = await listTargets(payload, context)
  const empty = (ref: (typeof targets)[number]) => ({
    chunks: [],
    fieldWeights: context.fieldWeights,
    language: context.language,
    model: context.model,
    ref,
    title: '',
    url: '',
  })
  for (let start = 0; start < targets.length; start += 100)
    await writeDocuments(db, storeTables(context), targets.slice(start, start + 100).map(empty))
  await payload.delete({ collection: statusSlug, overrideAccess: true, where: { id: { exists: true } } })
  const [left] = await queryRows<{ chunks: number; counted: number; postings: number; terms: number }>(
    db,
    sql`
    select (select count(*)::int from retrieval_chunks) as chunks, (select coalesce(sum(chunks), 0)::int from retrieval_stats) as counted,
      (select count(*)::int from retrieval_postings) as postings,
      (select count(*)::int from (select term from retrieval_terms group by term having sum(df) <> 0) t) as terms`,
  )
  if (left.chunks !== 0 || left.counted !== 0 || left.postings !== 0 || left.terms !== 0)
    throw new Error(`the index is not empty after clearing it: ${JSON.stringify(left)}`)
}
