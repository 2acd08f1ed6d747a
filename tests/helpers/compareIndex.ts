import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { prepareDocument } from '../../packages/payload-retrieval/src/indexing/prepareDocument'
import { listTargets } from '../../packages/payload-retrieval/src/reindex/listTargets'
import { databaseOf, queryRows } from '../../packages/payload-retrieval/src/store/database'

type Row = { chunk_index: number; hash: string; model: string; source_id: string; source_slug: string; text: string }

const quoted = (line: string | undefined) =>
  line === undefined ? 'nothing' : JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line)

/**
 * What changed in a document's text, by its first line that the index has and the content no longer
 * gives, and the first the content gives that the index lacks: a stale related name shows as
 * `"Built with: Old" where the content now says "Built with: New"`.
 */
function textChange(stored: string[], expected: string[]): string {
  const lines = (texts: string[]) => texts.flatMap((text) => text.split('\n'))
  const [was, now] = [lines(stored), lines(expected)]
  const gone = was.find((line) => !now.includes(line))
  const added = now.find((line) => !was.includes(line))
  if (gone === undefined && added === undefined) return 'same text, other headings, title or order'
  return `${quoted(gone)} where the content now says ${quoted(added)}`
}

/**
 * Compares the chunk table with what indexing would produce from the content now. Returns the
 * differences, one line each; none means the index matches the content exactly: every document a
 * visitor can read has exactly its chunks (same count, indexes 0..n-1, same hashes, the current
 * model), nothing else (drafts, trashed or deleted documents) has any, and no chunk is stored twice.
 * The hashes cover each chunk's text, and the text holds the names of related documents as a visitor
 * reads them now ("Built with: …"), so a name the index kept after a rename shows as a difference of
 * the document that shows it, with the stale line and the line the content now gives.
 */
export async function compareIndex(payload: Payload): Promise<string[]> {
  const context = getRetrievalContext(payload)
  const stored = await queryRows<Row>(
    databaseOf(payload),
    sql`select source_slug, source_id, chunk_index, hash, model, text from ${context.table} order by source_slug, source_id, chunk_index, id`,
  )
  const byDocument = new Map<string, Row[]>()
  for (const row of stored) {
    const key = `${row.source_slug}:${row.source_id}`
    byDocument.set(key, [...(byDocument.get(key) ?? []), row])
  }
  const differences: string[] = []
  for (const ref of await listTargets(payload, context)) {
    const key = `${ref.slug}:${ref.id}`
    const rows = byDocument.get(key) ?? []
    byDocument.delete(key)
    const prepared = await prepareDocument(payload, context, ref)
    const expected = prepared.visible ? prepared.chunks.map((chunk) => ({ hash: chunk.hash, index: chunk.index })) : []
    const got = rows.map((row) => ({ hash: row.hash, index: row.chunk_index }))
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      const change = textChange(
        rows.map((row) => row.text),
        prepared.visible ? prepared.chunks.map((chunk) => chunk.text) : [],
      )
      differences.push(
        `${key}: stored ${rows.length} chunk(s) [${got.map((c) => `${c.index}:${c.hash.slice(0, 8)}`).join(' ')}], expected ${expected.length} [${expected.map((c) => `${c.index}:${c.hash.slice(0, 8)}`).join(' ')}]: ${change}`,
      )
    }
    const models = [...new Set(rows.map((row) => row.model))].filter((model) => model !== context.model)
    if (models.length > 0) differences.push(`${key}: chunks embedded by ${models.join(', ')}, not ${context.model}`)
  }
  for (const key of byDocument.keys()) differences.push(`${key}: chunks stored for something that is not indexed`)
  return differences
}
