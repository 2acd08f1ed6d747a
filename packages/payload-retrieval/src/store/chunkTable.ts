import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  varchar,
  vector,
} from '@payloadcms/db-postgres/drizzle/pg-core'

export const chunkTableName = 'retrieval_chunks'
export const termsTableName = 'retrieval_terms'
export const statsTableName = 'retrieval_stats'
export const postingsTableName = 'retrieval_postings'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The chunk store: one row per chunk, with the vector for semantic search (HNSW, cosine; empty when no
 * embedding model is configured) and a weighted tsvector (the source of the postings and of
 * snippets). These table objects only type the plugin's queries: they are not in Payload's Drizzle
 * schema, so a host's `payload migrate:create` never writes (or drops) them; the plugin's own
 * migration steps make them (schema/retrievalMigration.ts).
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
      /** The page of the source's file the text is on (PDF files); null for text from fields. */
      page: integer('page'),
      heading: varchar('heading').notNull().default(''),
      text: text('text').notNull(),
      hash: varchar('hash', { length: 64 }).notNull(),
      model: varchar('model').notNull(),
      embedding: vector('embedding', { dimensions }),
      search: tsvector('search').notNull(),
      /** Tokens in `search` (BM25's document length); set by a trigger from `search`. */
      docLength: integer('doc_length').notNull().default(0),
      createdAt: timestamp('created_at', { precision: 3, withTimezone: true }).defaultNow().notNull(),
      updatedAt: timestamp('updated_at', { precision: 3, withTimezone: true }).defaultNow().notNull(),
    },
    (table) => [
      index('retrieval_chunks_source_idx').on(table.sourceSlug, table.sourceId),
      index('retrieval_chunks_embedding_idx').using('hnsw', table.embedding.op('vector_cosine_ops')),
    ],
  )

export type ChunkTable = ReturnType<typeof buildChunkTable>

/**
 * The full-text index: one row per (lexeme, chunk), with the lexeme's BM25 weight in that chunk
 * (`impact`: field-weighted term frequency, saturated and normalised by the chunk's length) and
 * whether it occurs in the title or a heading. Kept in (term, impact desc) order, a query reads each
 * of its words' best postings first and can stop there (see search/fullTextCandidates.ts); the
 * primary key finds one chunk's postings for exact scoring. Rows go with their chunk (cascade).
 */
export const buildPostingsTable = (chunks: ChunkTable) =>
  pgTable(
    postingsTableName,
    {
      term: varchar('term').notNull(),
      chunkId: integer('chunk_id')
        .notNull()
        .references(() => chunks.id, { onDelete: 'cascade' }),
      impact: real('impact').notNull(),
      inTitle: boolean('in_title').notNull().default(false),
    },
    (table) => [
      primaryKey({ columns: [table.chunkId, table.term] }),
      index('retrieval_postings_term_impact_idx').on(table.term, table.impact.desc(), table.chunkId),
    ],
  )

export type PostingsTable = ReturnType<typeof buildPostingsTable>

/**
 * BM25's corpus statistics: in how many chunks each lexeme occurs, and the number and total length
 * of the chunks. Each writer adds its changes to its own shard (by server process), so concurrent
 * indexing transactions never wait on one another's counters; readers add the shards up.
 */
export const statisticsShards = 16

export const termsTable = pgTable(
  termsTableName,
  {
    term: varchar('term').notNull(),
    shard: smallint('shard').notNull(),
    df: integer('df').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.term, table.shard] })],
)

export const statsTable = pgTable(statsTableName, {
  shard: smallint('shard').primaryKey(),
  chunks: integer('chunks').notNull().default(0),
  totalLength: bigint('total_length', { mode: 'number' }).notNull().default(0),
})
