import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'
import type { SourceRef } from '../types'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { sourceKey } from '../context'
import { readAsVisitor, readAsVisitors } from '../indexing/readAsVisitor'
import { markEnd, markStart } from '../search/highlight'
import { statsTable, termsTable } from '../store/chunkTable'
import { type Database, databaseOf, queryRows, regconfig } from '../store/database'

/** How the neighbours were found: stored vectors of a trained model, or BM25 over the source's own words. */
export type RelatedMode = 'lexical' | 'vector'

/** A published document close to another one, with the chunk that made it so. */
export type RelatedDocument = {
  collection: string
  /** The headings above the chunk, joined with " › " (empty at the top of the document). */
  heading: string
  id: string
  /** Higher is closer: a BM25 score (lexical) or a cosine similarity (vector); comparable within one answer only. */
  score: number
  /** An excerpt of the chunk, as plain text (not HTML). */
  snippet: string
  title: string
  url: null | string
}

export type RelatedOptions = {
  /** Only documents of these collections (default: every indexed collection). */
  collections?: string[]
  collection: string
  id: number | string
  /** Documents to return, from 1 to the plugin's `related.maxLimit`. Default: `related.defaultLimit`. */
  limit?: number
}

export type RelatedAnswer =
  /** The source is not a document a visitor may read (missing, a draft, trashed, not an indexed collection). */
  | { reason: 'missing' }
  /** The source is published but has no chunks in the index (not indexed yet, or nothing to index). */
  | { reason: 'notIndexed' }
  | { mode: RelatedMode; reason?: undefined; results: RelatedDocument[] }

/** Spare candidates per result, for those a visitor can no longer read (unpublished since they were indexed). */
const spare = 3

type NeighbourRow = {
  chunks: number
  heading: null | string
  id: null | number
  score: null | number
  snippet: null | string
  source_id: null | string
  source_slug: null | string
  text: null | string
}

/** A model whose vectors carry meaning; the local hashing embedder's only see shared words, which BM25 weighs better. */
const hasTrainedModel = (context: RetrievalContext) =>
  Boolean(context.embedder && !context.embedder.id.startsWith('local:'))

/**
 * The published documents closest to one published document, one chunk each, best first.
 *
 * - With a trained embedding model: the chunks nearest (cosine, through the HNSW index) to the mean of
 *   the source's own stored chunk vectors; no embedding call is made.
 * - Otherwise (offline, or the source has no vectors from the current model yet): BM25 over the
 *   postings for a query made of the source's most distinctive lexemes (`related.terms` of them, by
 *   their weight in the source times their idf, among those some other chunk holds), each counted by
 *   its weight in the source, in one statement.
 *
 * Only documents of collections come back (not globals, such as a profile), never the source itself. The source must be readable by an anonymous visitor (a draft
 * or a trashed document answers `missing`, exactly as a document that does not exist), and so must
 * every result: the index holds only published documents, but one unpublished a moment ago may still
 * be there until its indexing job has run, so the candidates are read as a visitor before they are
 * returned (titles and URLs come from that read).
 */
export async function findRelatedDocuments(
  payload: Payload,
  context: RetrievalContext,
  options: RelatedOptions,
): Promise<RelatedAnswer> {
  if (context.storeProblem) throw new Error(context.storeProblem)
  const source = context.sources.get(options.collection)
  if (!source || source.kind !== 'collection') return { reason: 'missing' }
  const ref: SourceRef = { id: String(options.id), kind: 'collection', slug: source.slug }
  const limit = Math.max(
    1,
    Math.min(Math.floor(options.limit ?? context.related.defaultLimit), context.related.maxLimit),
  )
  const collections = options.collections?.length ? options.collections : undefined
  const db = databaseOf(payload)
  const wanted = limit + spare

  // The visitor's read first: a draft's id must cost no more than an unknown one, and say no more.
  if (!(await readAsVisitor(payload, ref))) return { reason: 'missing' }
  let found: { mode: RelatedMode; rows: NeighbourRow[] } | undefined
  if (hasTrainedModel(context)) {
    const rows = await vectorNeighbours(db, context, ref, { collections, limit: wanted })
    if (rows.some((row) => row.id !== null)) found = { mode: 'vector', rows }
  }
  found ??= { mode: 'lexical', rows: await lexicalNeighbours(db, context, ref, { collections, limit: wanted }) }
  if (!found.rows.length || Number(found.rows[0].chunks) === 0) return { reason: 'notIndexed' }

  const rows = found.rows.filter((row) => row.id !== null)
  const readable = await readAsVisitors(
    payload,
    rows.map((row) => ({ id: row.source_id!, kind: 'collection' as const, slug: row.source_slug! })),
  )
  const results: RelatedDocument[] = []
  for (const row of rows) {
    const doc = readable.get(sourceKey({ id: row.source_id!, slug: row.source_slug! }))
    const rowSource = context.sources.get(row.source_slug!)
    if (!doc || !rowSource) continue
    results.push({
      collection: row.source_slug!,
      heading: row.heading ?? '',
      id: row.source_id!,
      score: Math.round(Number(row.score) * 1e6) / 1e6,
      snippet: plainSnippet(row.snippet ?? '', row.text ?? ''),
      title: rowSource.title(doc) || `${row.source_slug} ${row.source_id}`,
      url: rowSource.url(doc) || null,
    })
    if (results.length === limit) break
  }
  return { mode: found.mode, results }
}

/** A chunk's text on one line, without the fences of its code blocks (```ts). */
const plainText = (text: string) =>
  text
    .replace(/```[\w-]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/** The excerpt's length: a chunk no longer is its own excerpt. */
const snippetChars = 240

/**
 * A short chunk whole; else ts_headline's excerpt without its match markers, or the chunk's opening
 * words when there is none (the vector path).
 */
function plainSnippet(headline: string, text: string): string {
  const flat = plainText(text)
  if (flat.length <= snippetChars) return flat
  const marked = plainText(headline.replaceAll(markStart, '').replaceAll(markEnd, ''))
  // Marked where it starts or ends inside the passage.
  if (marked) return `${flat.startsWith(marked) ? '' : '… '}${marked}${flat.endsWith(marked) ? '' : ' …'}`
  const cut = flat.slice(0, snippetChars)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 180))} …`
}

type NeighbourOptions = { collections?: string[]; limit: number }

const headlineOptions = `StartSel=${markStart}, StopSel=${markEnd}, MaxWords=35, MinWords=15, MaxFragments=1`

/**
 * The lexical neighbours, in one statement: the source's chunks and their postings give its lexemes,
 * each weighted by its best impact in the source (BM25's saturated, length-normalised term
 * frequency) times its idf; the `related.terms` heaviest that some other chunk holds are the query.
 * Each term's `postingsPerWord` strongest postings are read from the (term, impact desc) index, as
 * search does, scored `weight × idf × impact`, summed per chunk, and the best chunk of every other
 * document is kept. The first column counts the source's chunks (a row with no neighbour says 0 when
 * the source is not indexed), and the excerpt is highlighted around the query's terms.
 */
async function lexicalNeighbours(
  db: Database,
  context: RetrievalContext,
  ref: SourceRef,
  { collections, limit }: NeighbourOptions,
): Promise<NeighbourRow[]> {
  const { postings, table: chunks } = context
  const inCollections = collections ? sql`and c.source_slug = any(${sql.param(collections)}::text[])` : sql``
  const front = collections
    ? sql`select p.chunk_id, p.impact from ${postings} p join ${chunks} c on c.id = p.chunk_id where p.term = t.term ${inCollections} order by p.impact desc nulls last limit ${context.postingsPerWord}`
    : sql`select p.chunk_id, p.impact from ${postings} p where p.term = t.term order by p.impact desc nulls last limit ${context.postingsPerWord}`
  return queryRows<NeighbourRow>(
    db,
    sql`
    with source as (
      select id from ${chunks} where source_slug = ${ref.slug} and source_id = ${ref.id}
    ), corpus as (
      select greatest(coalesce(sum(chunks), 0), 0)::float8 as n from ${statsTable}
    ), own as (
      select p.term, max(p.impact)::float8 as impact, count(*)::float8 as held
      from ${postings} p where p.chunk_id in (select id from source) group by p.term
    ), weighted as (
      select o.term, o.impact, ln(1 + (c.n - least(f.df, c.n) + 0.5) / (least(f.df, c.n) + 0.5)) as idf
      from own o cross join corpus c
      cross join lateral (select coalesce(sum(t.df), 0)::float8 as df from ${termsTable} t where t.term = o.term) f
      where f.df > o.held
    ), terms as (
      select term, impact, idf from weighted order by impact * idf desc, term limit ${context.related.terms}
    ), front as (
      select p.chunk_id, t.impact * t.idf * p.impact as part
      from terms t cross join lateral (${front}) p
      where p.chunk_id not in (select id from source)
    ), ranked as (
      select c.id, c.source_slug, c.source_id, c.heading, c.text, s.score,
        row_number() over (partition by c.source_slug, c.source_id order by s.score desc, c.id) as rank
      from (select chunk_id, sum(part) as score from front group by chunk_id) s
      join ${chunks} c on c.id = s.chunk_id
      where c.source_kind = 'collection' and not (c.source_slug = ${ref.slug} and c.source_id = ${ref.id})
        ${inCollections}
    ), best as (
      select * from ranked where rank = 1 order by score desc, id limit ${limit}
    )
    select (select count(*) from source)::int as chunks, b.id, b.source_slug, b.source_id, b.heading, b.text,
      b.score::float8 as score,
      ts_headline(${regconfig(context.language)}, b.text,
        (select string_agg(quote_literal(term), ' | ') from terms)::tsquery, ${headlineOptions}) as snippet
    from (select 1) one left join best b on true
    order by b.score desc nulls last, b.id`,
  )
}

/**
 * The vector neighbours: the chunks nearest the mean of the source's stored vectors (from the
 * current model), through the HNSW index, with the settings made with SET LOCAL in a transaction of
 * its own (see vectorCandidates.ts); then the best chunk of every other document. No row with an id
 * when the source has no vector from the current model (it falls back to the lexical neighbours).
 */
async function vectorNeighbours(
  db: Database,
  context: RetrievalContext,
  ref: SourceRef,
  { collections, limit }: NeighbourOptions,
): Promise<NeighbourRow[]> {
  const chunks = context.table
  // Chunks, for documents: a neighbour's other chunks are near too. The source's own chunks, the
  // nearest of all, are filtered out in the scan (iterative scans, where the server has them, look
  // on past them; elsewhere ef_search bounds what the scan sees).
  const candidates = Math.max(50, limit * 8)
  const filter = collections ? sql`and c.source_slug = any(${sql.param(collections)}::text[])` : sql``
  const efSearch = Math.min(1000, Math.max(100, candidates * (collections && !context.iterativeScan ? 4 : 1)))
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local hnsw.ef_search = ${efSearch}`))
    if (context.iterativeScan) await tx.execute(sql.raw(`set local hnsw.iterative_scan = relaxed_order`))
    return queryRows<NeighbourRow>(
      tx,
      sql`
      with source as (
        select id, model, embedding from ${chunks} where source_slug = ${ref.slug} and source_id = ${ref.id}
      ), centre as (
        select avg(embedding) as v from source where model = ${context.model} and embedding is not null
      ), nearest as (
        select c.id, c.source_slug, c.source_id, c.heading, c.text, 1 - (c.embedding <=> (select v from centre)) as score
        from ${chunks} c
        where c.model = ${context.model} and c.source_kind = 'collection' and (select v from centre) is not null
          and not (c.source_slug = ${ref.slug} and c.source_id = ${ref.id}) ${filter}
        order by c.embedding <=> (select v from centre)
        limit ${candidates}
      ), ranked as (
        select n.*, row_number() over (partition by n.source_slug, n.source_id order by n.score desc, n.id) as rank
        from nearest n
      ), best as (
        select * from ranked where rank = 1 order by score desc, id limit ${limit}
      )
      select (select count(*) from source)::int as chunks, b.id, b.source_slug, b.source_id, b.heading, b.text,
        b.score::float8 as score, null as snippet
      from (select 1) one left join best b on true
      order by b.score desc nulls last, b.id`,
    )
  })
}
