import {
  bigint,
  customType,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  varchar,
  vector,
} from '@payloadcms/db-postgres/drizzle/pg-core'

export const chunkTableName = 'retrieval_chunks'
export const termsTableName = 'retrieval_terms'
export const statsTableName = 'retrieval_stats'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The chunk store: one row per chunk, with the vector for semantic search (HNSW, cosine) and a
 * weighted tsvector for full-text search (GIN). It is part of Payload's Drizzle schema, so
 * `payload migrate:create` writes its DDL like any collection's.
 */
export const buildChunkTable = (dimensions: number) =>
  pgTable(
    chunkTableName,
    {
      id: serial('id').primaryKey(),
      sourceKind: varchar('source_kind', { length: 16 }).notNull(),
      sourceSlug: varchar('source_slug').notNull(),
      sourceId: varchar('source_id').notNull(),
      chunkIndex: integer('chunk_index').notNull(),
      title: varchar('title').notNull(),
      url: varchar('url'),
      heading: varchar('heading').notNull().default(''),
      text: text('text').notNull(),
      hash: varchar('hash', { length: 64 }).notNull(),
      model: varchar('model').notNull(),
      embedding: vector('embedding', { dimensions }).notNull(),
      search: tsvector('search').notNull(),
      /** Tokens in `search` (BM25's document length); set by a trigger from `search`. */
      docLength: integer('doc_length').notNull().default(0),
      createdAt: timestamp('created_at', { precision: 3, withTimezone: true }).defaultNow().notNull(),
      updatedAt: timestamp('updated_at', { precision: 3, withTimezone: true }).defaultNow().notNull(),
    },
    (table) => [
      index('retrieval_chunks_source_idx').on(table.sourceSlug, table.sourceId),
      index('retrieval_chunks_embedding_idx').using('hnsw', table.embedding.op('vector_cosine_ops')),
      index('retrieval_chunks_search_idx').using('gin', table.search),
    ],
  )

export type ChunkTable = ReturnType<typeof buildChunkTable>

/**
 * BM25's corpus statistics, kept by triggers on the chunk table: in how many chunks each lexeme
 * occurs, and the number and total length of the chunks.
 */
export const termsTable = pgTable(termsTableName, {
  term: varchar('term').primaryKey(),
  df: integer('df').notNull().default(0),
})

export const statsTable = pgTable(statsTableName, {
  id: integer('id').primaryKey().default(1),
  chunks: integer('chunks').notNull().default(0),
  totalLength: bigint('total_length', { mode: 'number' }).notNull().default(0),
})
