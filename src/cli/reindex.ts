import { checkSearchIndex, reindexEverything } from '@askfolio/payload-retrieval'
/**
 * `npm run reindex`: brings the search index in line with the published content, in batches, with a
 * progress bar. Safe to interrupt: the next run resumes where this one stopped. Documents that are
 * already up to date cost no embeddings.
 */
import { BasePayload } from 'payload'

import { prepareEnvironment } from '../server/prepareEnvironment'
import { progressBar } from './progressBar'

prepareEnvironment()
const { default: config } = await import('../../payload.config')
const payload = await new BasePayload().init({ config })
let code = 0
try {
  await checkSearchIndex(payload)
  let bar: ReturnType<typeof progressBar> | undefined
  const result = await reindexEverything(payload, {
    onProgress: (progress) => {
      bar ??= progressBar('reindex', progress.total)
      bar.update(progress.processed, progress.current ?? '')
    },
  })
  bar?.finish(`${result.processed} documents, ${result.embedded} chunks embedded, ${result.failed} failed`)
  if (result.failed > 0) code = 1
} catch (error) {
  console.error(`[reindex] ${error instanceof Error ? error.message : String(error)}`)
  code = 1
} finally {
  await payload.destroy()
}
process.exit(code)
