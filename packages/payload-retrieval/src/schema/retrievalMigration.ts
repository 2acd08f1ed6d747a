import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { getRetrievalContext, storeTables } from '../context'
import { rateLimitTableName } from '../rateLimit/rateLimitTable'
import { chunkTableName, postingsTableName, statsTableName, termsTableName } from '../store/chunkTable'
import { type Database, queryRows } from '../store/database'
import { rebuildTextIndex } from '../store/rebuildTextIndex'

/** What a Payload migration gets: its transaction's Drizzle handle and the Payload it runs in. */
export type MigrationArgs = { db: unknown; payload: Payload }

/**
 * The schema's version, stored as a comment on the chunk table: `up` brings any database to it, and
 * start-up checks it. A later version of the plugin adds a step and raises it; a host then calls
 * `up` again from a new migration of its own, and only what is missing is made.
 */
export const retrievalSchemaVersion = 2
const marker = (version: number) => `retrieval schema ${version}`

const id = (name: string) => sql.identifier(name)

/** pgvector's HNSW index takes `vector` columns of at most 2,000 dimensions. */
const maxIndexedDimensions = 2000
function checkDimensions(dimensions: number): void {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > maxIndexedDimensions) {
    throw new Error(
      `The retrieval index can hold vectors of 1 to ${maxIndexedDimensions} dimensions (pgvector's HNSW limit), not ${dimensions}: ` +
        "configure the embedder with fewer `dimensions` (OpenAI's text-embedding-3 models accept 1536 or 1024).",
    )
  }
}

/**
 * Everything search needs that Payload's own migrations do not make: the pgvector extension, the
 * chunk table (its vector column as wide as the configured embedder's vectors), the postings, the
 * BM25 statistics, the rate-limit counters, their indexes, and the trigger that keeps each chunk's
 * length. Idempotent: each statement makes only what is missing, so `up` may run on a database where
 * a generated migration already made the tables.
 */
async function createSchema(db: Database, dimensions: number): Promise<void> {
  checkDimensions(dimensions)
  await db.execute(sql`
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE TABLE IF NOT EXISTS ${id(chunkTableName)} (
      "id" serial PRIMARY KEY NOT NULL,
      "source_kind" varchar(16) NOT NULL,
      "source_slug" varchar NOT NULL,
      "source_id" varchar NOT NULL,
      "chunk_index" integer NOT NULL,
      "title" varchar NOT NULL,
      "url" varchar,
      "page" integer,
      "heading" varchar DEFAULT '' NOT NULL,
      "text" text NOT NULL,
      "hash" varchar(64) NOT NULL,
      "model" varchar NOT NULL,
      "embedding" vector(${sql.raw(String(dimensions))}),
      "search" tsvector NOT NULL,
      "doc_length" integer DEFAULT 0 NOT NULL,
      "created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
      "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
    );
    -- Version 2: the page of a file a chunk is on (tables made by version 1 lack it).
    ALTER TABLE ${id(chunkTableName)} ADD COLUMN IF NOT EXISTS "page" integer;
    CREATE INDEX IF NOT EXISTS "retrieval_chunks_source_idx" ON ${id(chunkTableName)} USING btree ("source_slug", "source_id");
    CREATE INDEX IF NOT EXISTS "retrieval_chunks_embedding_idx" ON ${id(chunkTableName)} USING hnsw ("embedding" vector_cosine_ops);
    CREATE TABLE IF NOT EXISTS ${id(postingsTableName)} (
      "term" varchar NOT NULL,
      "chunk_id" integer NOT NULL REFERENCES ${id(chunkTableName)}("id") ON DELETE cascade,
      "impact" real NOT NULL,
      "in_title" boolean DEFAULT false NOT NULL,
      CONSTRAINT "retrieval_postings_chunk_id_term_pk" PRIMARY KEY ("chunk_id", "term")
    );
    CREATE INDEX IF NOT EXISTS "retrieval_postings_term_impact_idx" ON ${id(postingsTableName)} USING btree ("term", "impact" DESC NULLS LAST, "chunk_id");
    CREATE TABLE IF NOT EXISTS ${id(termsTableName)} (
      "term" varchar NOT NULL,
      "shard" smallint NOT NULL,
      "df" integer DEFAULT 0 NOT NULL,
      CONSTRAINT "retrieval_terms_term_shard_pk" PRIMARY KEY ("term", "shard")
    );
    CREATE TABLE IF NOT EXISTS ${id(statsTableName)} (
      "shard" smallint PRIMARY KEY NOT NULL,
      "chunks" integer DEFAULT 0 NOT NULL,
      "total_length" bigint DEFAULT 0 NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${id(rateLimitTableName)} (
      "key" varchar NOT NULL,
      "window_start" timestamp (3) with time zone NOT NULL,
      "count" integer DEFAULT 0 NOT NULL,
      CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY ("key", "window_start")
    );
    CREATE OR REPLACE FUNCTION retrieval_chunks_length() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      NEW.doc_length := coalesce((SELECT sum(array_length(u.positions, 1)) FROM unnest(NEW.search) AS u), 0);
      RETURN NEW;
    END
    $fn$;
    DROP TRIGGER IF EXISTS retrieval_chunks_length ON ${id(chunkTableName)};
    CREATE TRIGGER retrieval_chunks_length BEFORE INSERT OR UPDATE OF search ON ${id(chunkTableName)}
      FOR EACH ROW EXECUTE FUNCTION retrieval_chunks_length();
    COMMENT ON TABLE ${id(chunkTableName)} IS ${sql.raw(`'${marker(retrievalSchemaVersion)}'`)};`)
}

/**
 * The retrieval plugin's schema, for a host's own migration to apply:
 *
 *   export const up = (args) => retrievalMigration.up(args)   (a migration of its own), or
 *   await retrievalMigration.up(args)                         (inside one that does more)
 *
 * `up` needs the plugin in the config the migration runs with (it reads the vector size from it).
 * `down` drops everything `up` made, indexed chunks included; the extension stays.
 */
export const retrievalMigration = {
  async down({ db }: MigrationArgs): Promise<void> {
    await (db as Database).execute(sql`
      DROP TABLE IF EXISTS ${id(postingsTableName)}, ${id(termsTableName)}, ${id(statsTableName)}, ${id(rateLimitTableName)}, ${id(chunkTableName)} CASCADE;
      DROP FUNCTION IF EXISTS retrieval_chunks_length();`)
  },
  async up({ db, payload }: MigrationArgs): Promise<void> {
    const context = getRetrievalContext(payload)
    await createSchema(db as Database, context.dimensions)
  },
}

/** The schema version a database holds: 0 when the chunk table is there without a marker, null when it is missing. */
export async function readSchemaVersion(db: Database): Promise<null | number> {
  const [row] = await queryRows<{ comment: null | string; present: boolean }>(
    db,
    sql`
    select to_regclass(${chunkTableName}) is not null as present, obj_description(to_regclass(${chunkTableName}), 'pg_class') as comment`,
  )
  if (!row?.present) return null
  const version = /^retrieval schema (\d+)$/.exec(row.comment ?? '')?.[1]
  return version ? Number(version) : 0
}

/**
 * Rebuilds the postings and statistics from the stored chunks, for a migration that changes how
 * they are computed (the field weights, say). Runs in the migration's transaction.
 */
export async function rebuildSearchIndex({ db, payload }: MigrationArgs): Promise<void> {
  const context = getRetrievalContext(payload)
  await rebuildTextIndex(db as Database, storeTables(context), context.fieldWeights)
}

/**
 * Gives the chunk table's vector column the configured embedder's size, for a host migration to call
 * after changing embedding models to one with other dimensions. Vectors of one size cannot become
 * another, so it empties the index (chunks, postings, statistics); reindexing everything afterwards
 * fills it again. Runs in the migration's transaction.
 */
export async function resizeVectors({ db, payload }: MigrationArgs): Promise<void> {
  const { dimensions } = getRetrievalContext(payload)
  checkDimensions(dimensions)
  await (db as Database).execute(sql`
    TRUNCATE ${id(chunkTableName)}, ${id(postingsTableName)}, ${id(termsTableName)}, ${id(statsTableName)};
    DROP INDEX IF EXISTS "retrieval_chunks_embedding_idx";
    ALTER TABLE ${id(chunkTableName)} ALTER COLUMN "embedding" TYPE vector(${sql.raw(String(dimensions))});
    CREATE INDEX "retrieval_chunks_embedding_idx" ON ${id(chunkTableName)} USING hnsw ("embedding" vector_cosine_ops);`)
}
