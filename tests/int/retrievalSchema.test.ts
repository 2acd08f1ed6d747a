/**
 * The retrieval plugin's own schema steps, as a host's migration applies them: they record their
 * version, change nothing when run again, rebuild a working index from nothing after `down`, and
 * start-up says plainly when a database is behind them.
 */
import type { Payload } from 'payload'

import {
  createLocalEmbedder,
  readSchemaVersion,
  reindexEverything,
  resizeVectors,
  retrievalMigration,
  retrievalSchemaVersion,
  searchPublished,
} from '@askfolio/payload-retrieval'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { beforeAll, describe, expect, it } from 'vitest'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { checkStoreOnInit } from '../../packages/payload-retrieval/src/store/checkStoreOnInit'
import { databaseOf, queryRows } from '../../packages/payload-retrieval/src/store/database'
import { inspectChunkStore } from '../../packages/payload-retrieval/src/store/inspectChunkStore'
import { useApiTest } from '../helpers/apiTest'
import { pendingSchemaChanges } from '../helpers/createTablesFor'
import { runIndexingJobs } from '../helpers/indexingJobs'

const test = useApiTest()
let payload: Payload
beforeAll(async () => {
  payload = test.payload
  await runIndexingJobs(payload)
})

const chunkCount = async () =>
  (await queryRows<{ count: number }>(databaseOf(payload), sql`select count(*)::int as count from retrieval_chunks`))[0]
    .count
const titlesFor = async (query: string) => (await searchPublished(payload, query, { limit: 3 })).map((hit) => hit.title)

/** Payload with a logger that keeps what start-up warns about. */
function withWarnings(): { payload: Payload; warnings: string[] } {
  const warnings: string[] = []
  const logger = {
    ...payload.logger,
    warn: (entry: { msg?: string } | string) => warnings.push(typeof entry === 'string' ? entry : (entry.msg ?? '')),
  }
  return { payload: Object.create(payload, { logger: { value: logger } }) as Payload, warnings }
}

describe('the retrieval schema steps', () => {
  it("are the only source of the plugin's tables: they are not in Payload's Drizzle schema, so migrate:create writes nothing for them", async () => {
    const adapter = payload.db as unknown as { schema: Record<string, unknown>; tables: Record<string, unknown> }
    const pluginTables = ['retrieval_chunks', 'retrieval_postings', 'retrieval_terms', 'retrieval_stats', 'rate_limits']
    expect(
      [...Object.keys(adapter.tables), ...Object.keys(adapter.schema)].filter((name) => pluginTables.includes(name)),
    ).toEqual([])
    // The newest snapshot matches the schema: no CREATE and no DROP of anything is pending.
    expect((await pendingSchemaChanges(payload)).statements).toEqual([])
    const [{ present }] = await queryRows<{ present: number }>(
      databaseOf(payload),
      sql`select count(*)::int as present from pg_tables where schemaname = 'public' and tablename in ${pluginTables}`,
    )
    expect(present).toBe(pluginTables.length)
  })

  it("are recorded by the app's migrations, and change nothing when run again", async () => {
    expect(await readSchemaVersion(databaseOf(payload))).toBe(retrievalSchemaVersion)
    const [chunks, titles] = [await chunkCount(), await titlesFor('idempotent webhooks')]
    expect(chunks).toBeGreaterThan(0)
    await retrievalMigration.up({ db: databaseOf(payload), payload })
    expect(await chunkCount()).toBe(chunks)
    expect(await titlesFor('idempotent webhooks')).toEqual(titles)
  })

  it('bring a version 1 database up to date: the page column arrives and the chunks stay, page citations working', async () => {
    const db = databaseOf(payload)
    const pageColumns = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from information_schema.columns where table_name = 'retrieval_chunks' and column_name = 'page'`,
        )
      )[0].n
    const [chunks, titles] = [await chunkCount(), await titlesFor('idempotent webhooks')]
    await db.execute(
      sql`ALTER TABLE retrieval_chunks DROP COLUMN page; COMMENT ON TABLE retrieval_chunks IS 'retrieval schema 1'`,
    )
    expect([await readSchemaVersion(db), await pageColumns()]).toEqual([1, 0])
    await retrievalMigration.up({ db, payload })
    expect([await readSchemaVersion(db), await pageColumns()]).toEqual([2, 1])
    expect(await chunkCount()).toBe(chunks)
    expect(await titlesFor('idempotent webhooks')).toEqual(titles)
    // Reindexing gives kept chunks their page (a chunk's hash already covered it).
    await reindexEverything(payload)
    const [hit] = await searchPublished(payload, 'Portolan Freight shipment tracking', { limit: 1 })
    expect(hit).toMatchObject({ collection: 'documents', page: 2 })
  })

  it('make a working index from nothing after down: search finds the published site again once it is reindexed', async () => {
    const before = await titlesFor('idempotent webhooks')
    expect(before[0]).toBe('Designing idempotent webhooks')
    await retrievalMigration.down({ db: databaseOf(payload), payload })
    expect(await readSchemaVersion(databaseOf(payload))).toBeNull()
    await retrievalMigration.up({ db: databaseOf(payload), payload })
    expect(await readSchemaVersion(databaseOf(payload))).toBe(retrievalSchemaVersion)
    expect(await chunkCount()).toBe(0)
    await reindexEverything(payload)
    expect(await titlesFor('idempotent webhooks')).toEqual(before)
    // The length trigger came back with the table: BM25 needs every chunk's length.
    const [{ zero }] = await queryRows<{ zero: number }>(
      databaseOf(payload),
      sql`select count(*)::int as zero from retrieval_chunks where doc_length = 0`,
    )
    expect(zero).toBe(0)
  })

  it('at start-up, a database behind the plugin is named, with what to call, and no app script', async () => {
    const context = getRetrievalContext(payload)
    const current = withWarnings()
    await checkStoreOnInit(current.payload, context)
    expect(current.warnings.filter((warning) => /retrieval schema/.test(warning))).toEqual([])

    await databaseOf(payload).execute(sql`comment on table retrieval_chunks is null`)
    try {
      const behind = withWarnings()
      await checkStoreOnInit(behind.payload, context)
      const warning = behind.warnings.find((entry) => /retrieval schema/.test(entry))
      expect(warning).toMatch(
        /at version 0, and this plugin needs 2: call `retrievalMigration.up` from one of your migrations/,
      )
      expect(warning).not.toMatch(/npm run|docs\//)
    } finally {
      await retrievalMigration.up({ db: databaseOf(payload), payload })
    }
  })

  it('resize the vector column for an embedder of another size: the index is emptied, then fits it, and a reindex fills it again', async () => {
    const context = getRetrievalContext(payload)
    const before = await titlesFor('idempotent webhooks')
    const smaller = createLocalEmbedder({ dimensions: 512 })
    expect((await inspectChunkStore(payload, { ...context, embedder: smaller })).problem).toMatch(
      /call `resizeVectors\(args\)` from a new migration/,
    )
    const dimensions = context.dimensions
    try {
      // Beyond pgvector's HNSW limit: refused with what to do, and nothing is emptied.
      context.dimensions = 3072
      await expect(resizeVectors({ db: databaseOf(payload), payload })).rejects.toThrow(
        /1 to 2000 dimensions .* not 3072/,
      )
      expect(await chunkCount()).toBeGreaterThan(0)
      context.dimensions = 512
      await resizeVectors({ db: databaseOf(payload), payload })
      expect(await chunkCount()).toBe(0)
      const resized = await inspectChunkStore(payload, { ...context, embedder: smaller })
      expect(resized.storedDimensions).toBe(512)
      expect(resized.problem).toBeUndefined()
    } finally {
      context.dimensions = dimensions
      await resizeVectors({ db: databaseOf(payload), payload })
    }
    expect((await inspectChunkStore(payload, context)).storedDimensions).toBe(dimensions)
    await reindexEverything(payload)
    expect(await titlesFor('idempotent webhooks')).toEqual(before)
  })
})
