/**
 * One worker process of bench/indexing.ts's bulk run (started by indexWithWorkers.ts, never by hand):
 * on the database in DATABASE_URL, it lists the reindex targets, keeps share BENCH_SHARE of
 * BENCH_SHARES (every BENCH_SHARES-th target), says it is ready, and on "go" indexes its share with
 * indexDocuments in batches of 25, then reports the chunks it stored and embedded and how long that took.
 */
import type { WorkerMessage } from './indexWithWorkers'

import { runMain } from './common'

const share = Number(process.env.BENCH_SHARE)
const shares = Number(process.env.BENCH_SHARES)
const send = (message: WorkerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()))

async function main() {
  const { BasePayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { getRetrievalContext } = await import('../packages/payload-retrieval/src/context')
  const { indexDocuments } = await import('../packages/payload-retrieval/src/indexing/indexDocuments')
  const { listTargets } = await import('../packages/payload-retrieval/src/reindex/listTargets')
  const payload = await new BasePayload().init({ config })
  const context = getRetrievalContext(payload)
  const targets = (await listTargets(payload, context)).filter((_, i) => i % shares === share)
  const go = new Promise((resolve) => process.once('message', resolve))
  await send({ documents: targets.length, type: 'ready' })
  await go

  const started = performance.now()
  let chunks = 0
  let embedded = 0
  for (let start = 0; start < targets.length; start += 25) {
    const results = await indexDocuments(payload, context, targets.slice(start, start + 25))
    chunks += results.reduce((sum, result) => sum + result.chunks, 0)
    embedded += results.reduce((sum, result) => sum + result.embedded, 0)
  }
  await send({ chunks, embedded, seconds: (performance.now() - started) / 1000, type: 'done' })
  await payload.destroy()
}

runMain(main)
