import type { Payload } from 'payload'

import type { RetrievalContext } from '../context'

import { queueJob } from '../jobs/queueJob'
import { reindexAllTask } from '../jobs/reindexAllTask'
import { findUnfinishedRun, staleRunMs } from '../reindex/reindexAll'
import { readSchemaVersion, retrievalSchemaVersion } from '../schema/retrievalMigration'
import { databaseOf } from './database'
import { inspectChunkStore } from './inspectChunkStore'

const versionAtLeast = (version: string, minimum: number[]) => {
  const parts = version.split('.').map(Number)
  for (let i = 0; i < minimum.length; i++) if ((parts[i] ?? 0) !== minimum[i]) return (parts[i] ?? 0) > minimum[i]
  return true
}

/**
 * At start-up: refuse to index or search with an embedder that does not fit the store (saying how
 * to fix it), say so when the database's schema is older than the plugin's, point out chunks from
 * another model, and pick up a bulk reindex whose process died.
 */
export async function checkStoreOnInit(payload: Payload, context: RetrievalContext): Promise<void> {
  const report = await inspectChunkStore(payload, context)
  if (report.missing) {
    payload.logger.warn({
      msg: 'Search index: the retrieval_chunks table is missing: call `retrievalMigration.up` from one of your migrations and run them (`payload migrate`).',
    })
    return
  }
  const version = await readSchemaVersion(databaseOf(payload))
  if (version !== null && version < retrievalSchemaVersion) {
    payload.logger.warn({
      msg: `Search index: the database holds the retrieval schema at version ${version}, and this plugin needs ${retrievalSchemaVersion}: call \`retrievalMigration.up\` from one of your migrations and run them.`,
    })
  }
  context.storeProblem = report.problem
  context.iterativeScan = report.pgvectorVersion !== undefined && versionAtLeast(report.pgvectorVersion, [0, 8, 0])
  if (report.problem) {
    payload.logger.error({ msg: `Search index: ${report.problem}` })
    return
  }
  for (const { chunks, model } of report.otherModels) {
    payload.logger.warn({
      msg: `Search index: ${chunks} chunks were embedded with ${model}, not ${context.model}; reindexing everything (\`reindexEverything(payload)\`) stores them again.`,
    })
  }

  const unfinished = await findUnfinishedRun(payload)
  if (unfinished && Date.now() - Date.parse(unfinished.updatedAt) > staleRunMs) {
    const queued = await payload.count({
      collection: 'payload-jobs',
      overrideAccess: true,
      where: { and: [{ taskSlug: { equals: reindexAllTask } }, { completedAt: { exists: false } }] },
    })
    if (queued.totalDocs === 0) {
      payload.logger.info({
        msg: `Search index: resuming the reindex run ${unfinished.id} that stopped half-way.`,
        runId: unfinished.id,
      })
      await queueJob(payload, { input: { runId: String(unfinished.id) }, queue: context.queue, task: reindexAllTask })
    }
  }
}
