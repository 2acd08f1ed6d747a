import { rebuildSearchIndex } from '@askfolio/payload-retrieval'
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/*
 * Full-text search moves from scoring every matching tsvector to a postings table kept in impact
 * order, and BM25's statistics from per-row triggers on one hot row to per-connection shards written
 * once per statement. Both tables hold derived data, so they are rebuilt from the chunks rather than
 * altered. Chunks may now be stored without a vector (no embedding model configured), and the GIN
 * index on the tsvectors goes: search no longer reads it.
 */
export async function up({ db, payload }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS retrieval_chunks_statistics ON "retrieval_chunks";
  DROP FUNCTION IF EXISTS retrieval_chunks_statistics();
  DROP TABLE "retrieval_terms";
  DROP TABLE "retrieval_stats";
  CREATE TABLE "retrieval_terms" (
  	"term" varchar NOT NULL,
  	"shard" smallint NOT NULL,
  	"df" integer DEFAULT 0 NOT NULL,
  	CONSTRAINT "retrieval_terms_term_shard_pk" PRIMARY KEY("term","shard")
  );
  CREATE TABLE "retrieval_stats" (
  	"shard" smallint PRIMARY KEY NOT NULL,
  	"chunks" integer DEFAULT 0 NOT NULL,
  	"total_length" bigint DEFAULT 0 NOT NULL
  );
  CREATE TABLE "retrieval_postings" (
  	"term" varchar NOT NULL,
  	"chunk_id" integer NOT NULL,
  	"impact" real NOT NULL,
  	"in_title" boolean DEFAULT false NOT NULL,
  	CONSTRAINT "retrieval_postings_chunk_id_term_pk" PRIMARY KEY("chunk_id","term")
  );
  ALTER TABLE "retrieval_postings" ADD CONSTRAINT "retrieval_postings_chunk_id_retrieval_chunks_id_fk" FOREIGN KEY ("chunk_id") REFERENCES "public"."retrieval_chunks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "retrieval_postings_term_impact_idx" ON "retrieval_postings" USING btree ("term","impact" DESC NULLS LAST,"chunk_id");
  DROP INDEX "retrieval_chunks_search_idx";
  ALTER TABLE "retrieval_chunks" ALTER COLUMN "embedding" DROP NOT NULL;`)

  await rebuildSearchIndex({ db, payload })
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE "retrieval_postings" CASCADE;
  DROP TABLE "retrieval_terms";
  DROP TABLE "retrieval_stats";
  CREATE TABLE "retrieval_terms" ("term" varchar PRIMARY KEY NOT NULL, "df" integer DEFAULT 0 NOT NULL);
  CREATE TABLE "retrieval_stats" ("id" integer PRIMARY KEY DEFAULT 1 NOT NULL, "chunks" integer DEFAULT 0 NOT NULL, "total_length" bigint DEFAULT 0 NOT NULL);
  DELETE FROM "retrieval_chunks" WHERE "embedding" IS NULL;
  ALTER TABLE "retrieval_chunks" ALTER COLUMN "embedding" SET NOT NULL;
  CREATE INDEX "retrieval_chunks_search_idx" ON "retrieval_chunks" USING gin ("search");
  INSERT INTO "retrieval_terms" (term, df) SELECT u.lexeme, count(*) FROM "retrieval_chunks" c, unnest(c.search) u GROUP BY u.lexeme;
  INSERT INTO "retrieval_stats" (id, chunks, total_length) SELECT 1, count(*), coalesce(sum(doc_length), 0) FROM "retrieval_chunks";

  CREATE OR REPLACE FUNCTION retrieval_chunks_statistics() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      INSERT INTO retrieval_terms AS t (term, df)
        SELECT u.lexeme, -1 FROM unnest(OLD.search) AS u ORDER BY u.lexeme
        ON CONFLICT (term) DO UPDATE SET df = t.df - 1;
      UPDATE retrieval_stats SET chunks = chunks - 1, total_length = total_length - OLD.doc_length WHERE id = 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO retrieval_terms AS t (term, df)
        SELECT u.lexeme, 1 FROM unnest(NEW.search) AS u ORDER BY u.lexeme
        ON CONFLICT (term) DO UPDATE SET df = t.df + 1;
      UPDATE retrieval_stats SET chunks = chunks + 1, total_length = total_length + NEW.doc_length WHERE id = 1;
    END IF;
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER retrieval_chunks_statistics AFTER INSERT OR DELETE OR UPDATE OF search ON "retrieval_chunks"
    FOR EACH ROW EXECUTE FUNCTION retrieval_chunks_statistics();`)
}
