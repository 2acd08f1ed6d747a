import { searchPublished } from '@askfolio/payload-retrieval'
/**
 * DATABASE_READ_REPLICAS, without real replication: a second copy of the migrated template plays the
 * replica, so what a query returns shows which database answered it. Payload writes to the primary and
 * reads from the replica, except within 2 s of its last write; drizzle's withReplicas sends `select`
 * builders to the replica but `execute` and transactions to the primary; retrieval takes the primary
 * itself, so its builder queries (readChunkMeta) stay there too. A replica's dropped connection is
 * logged, not fatal.
 */
import { sql } from '@payloadcms/db-postgres/drizzle'
import crypto from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { databaseOf, queryRows } from '../../packages/payload-retrieval/src/store/database'
import { readChunkMeta } from '../../packages/payload-retrieval/src/store/readChunkMeta'
import { unique } from '../helpers/fixtures'
import { runIndexingJobs } from '../helpers/indexingJobs'
import { closeTestPayload, getTestPayload } from '../helpers/payload'
import { startTestDatabase } from '../helpers/testDatabase'

const native = process.env.DATABASE_EMBEDDED !== 'true'
process.env.EMBEDDINGS_PROVIDER = 'local'

/** The "replica": an identical, migrated database of its own (embedded instance or native database). */
async function startReplica(): Promise<{ stop: () => Promise<void>; url: string }> {
  if (!native) return startTestDatabase(inject('templateDir'), inject('testRoot'))
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: inject('nativeAdminUrl') })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  const name = `replica_${crypto.randomUUID().replaceAll('-', '')}`
  await admin(`create database ${name} template ${inject('nativeTemplate')}`)
  return {
    stop: () => admin(`drop database if exists ${name} with (force)`),
    url: inject('nativeAdminUrl').replace(/\/postgres\?/, `/${name}?`),
  }
}

const replica = await startReplica()
const primaryUrl = process.env.DATABASE_URL!
process.env.DATABASE_READ_REPLICAS = replica.url
const payload = await getTestPayload()

type Adapter = { lastWriteTimestamp?: number; readReplicasAfterWriteInterval: number }
const adapter = payload.db as unknown as Adapter
/** As if the last write were `readReplicasAfterWriteInterval` ago, without waiting for it. */
const forgetLastWrite = () => {
  adapter.lastWriteTimestamp = Date.now() - adapter.readReplicasAfterWriteInterval
}

const clients = {
  primary: new pg.Client({ connectionString: primaryUrl }),
  replica: new pg.Client({ connectionString: replica.url }),
}
const skillNames = async (on: keyof typeof clients, names: string[]) =>
  (
    await clients[on].query<{ name: string }>('select name from skills where name = any($1) order by name', [names])
  ).rows.map((row) => row.name)
const foundNames = async (names: string[]) =>
  (await payload.find({ collection: 'skills', depth: 0, where: { name: { in: names } } })).docs
    .map((doc) => doc.name)
    .sort()

beforeAll(async () => {
  await clients.primary.connect()
  await clients.replica.connect()
})

afterAll(async () => {
  const replicaPools = (
    payload.db as unknown as { drizzle: { $replicas: { $client: pg.Pool }[] } }
  ).drizzle.$replicas.map((db) => db.$client)
  await clients.primary.end()
  await clients.replica.end()
  await closeTestPayload()
  // As with the primary's pool (see destroyPayload): one client stays checked out, so end() never settles.
  for (const pool of replicaPools) pool.end().catch(() => {})
  await replica.stop()
}, 60_000)

describe('DATABASE_READ_REPLICAS', () => {
  const written = unique('Written skill')
  const replicaOnly = unique('Replica-only skill')

  it('is read at import and routes reads through the replica, within a 2 s read-after-write window', () => {
    const db = payload.db as unknown as {
      drizzle: { $primary?: unknown; $replicas?: unknown[] }
      primaryDrizzle?: unknown
    }
    expect(db.drizzle.$replicas).toHaveLength(1)
    expect(db.primaryDrizzle).toBe(db.drizzle.$primary)
    expect(adapter.readReplicasAfterWriteInterval).toBe(2000)
  })

  it('writes through Payload land in the primary only', async () => {
    await payload.create({ collection: 'skills', data: { category: 'tool', name: written } })
    await clients.replica.query(`insert into skills (name, slug, category) values ($1, $2, 'tool')`, [
      replicaOnly,
      crypto.randomUUID(),
    ])
    expect(await skillNames('primary', [written, replicaOnly])).toEqual([written])
    expect(await skillNames('replica', [written, replicaOnly])).toEqual([replicaOnly])
  })

  it('a read right after a write goes to the primary', async () => {
    await payload.update({ collection: 'skills', data: { level: 'expert' }, where: { name: { equals: written } } })
    expect(await foundNames([written, replicaOnly])).toEqual([written])
  })

  it('a read more than 2 s after the last write goes to the replica', async () => {
    forgetLastWrite()
    expect(await foundNames([written, replicaOnly])).toEqual([replicaOnly])
    const { totalDocs } = await payload.count({ collection: 'skills', where: { name: { equals: replicaOnly } } })
    expect(totalDocs).toBe(1)
  })

  it('retrieval uses the primary for everything: raw SQL, transactions and select builders', async () => {
    const word = `zq${crypto.randomUUID().slice(0, 8)}`
    const doc = await payload.create({
      collection: 'skills',
      data: { category: 'tool', description: `Knows ${word} well.`, name: unique(word) },
    })
    await runIndexingJobs(payload)
    const chunks = 'select count(*)::int as n from retrieval_chunks where source_slug = $1 and source_id = $2'
    const [onPrimary, onReplica] = await Promise.all(
      [clients.primary, clients.replica].map(
        async (client) => (await client.query<{ n: number }>(chunks, ['skills', String(doc.id)])).rows[0].n,
      ),
    )
    expect(onPrimary).toBeGreaterThan(0)
    expect(onReplica).toBe(0)

    forgetLastWrite()
    // The search (GET /api/search and the chat) runs raw SQL and a transaction: it finds the chunk only the primary has.
    for (const mode of ['fullText', 'hybrid'] as const) {
      const hits = await searchPublished(payload, word, { mode })
      expect(hits.map((hit) => hit.id)).toContain(String(doc.id))
    }
    const rows = await queryRows<{ name: string }>(
      databaseOf(payload),
      sql`select name from skills where name in (${written}, ${replicaOnly})`,
    )
    expect(rows.map((row) => row.name)).toEqual([written])
    // readChunkMeta (indexing's "what is stored already", outside a transaction) is a select builder, which
    // drizzle would send to a replica: retrieval's database handle is the primary's.
    const context = getRetrievalContext(payload)
    expect(
      (
        await readChunkMeta(databaseOf(payload), context.table, {
          id: String(doc.id),
          kind: 'collection',
          slug: 'skills',
        })
      ).length,
    ).toBe(onPrimary)
  })

  // PGlite has one backend for every connection, so only a native server can drop the pool's connections.
  it.skipIf(!native)('logs a read replica that drops its connections instead of crashing', async () => {
    forgetLastWrite()
    expect((await payload.count({ collection: 'skills', overrideAccess: true })).totalDocs).toBeGreaterThan(0)
    const replicaPool = (payload.db as unknown as { drizzle: { $replicas: { $client: pg.Pool }[] } }).drizzle
      .$replicas[0].$client
    expect(replicaPool.idleCount).toBeGreaterThan(0)
    const { rows } = await clients.replica.query(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database()',
    )
    expect(rows.length).toBeGreaterThan(0)
    // The pool emits 'error' for each idle connection cut; unguarded, that is an uncaught exception,
    // which fails this run. Guarded, the pool drops them.
    for (let i = 0; replicaPool.idleCount > 0 && i < 100; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(replicaPool.idleCount).toBe(0)
    // The process is still here, and the next replica read gets a new connection.
    forgetLastWrite()
    expect((await payload.count({ collection: 'skills', overrideAccess: true })).totalDocs).toBeGreaterThan(0)
  })
})
