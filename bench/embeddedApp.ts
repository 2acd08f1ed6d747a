import path from 'node:path'

/**
 * Points this process's app at an embedded database kept in `workDir` (started now, in its child
 * process), with the local embedder and no job runner, as the in-process benchmarks need.
 */
export async function useEmbeddedDatabase(workDir: string, env: Record<string, string> = {}) {
  Object.assign(process.env, {
    DATA_DIR: workDir,
    EMBEDDINGS_PROVIDER: 'local',
    JOBS_AUTORUN: 'false',
    MEDIA_DIR: path.join(workDir, 'media'),
    ...env,
  })
  delete process.env.DATABASE_URL
  const { prepareEnvironment } = await import('../src/server/prepareEnvironment')
  const { resolveDatabase } = await import('../src/db/resolveDatabase')
  prepareEnvironment()
  const database = await resolveDatabase({ dataDir: workDir })
  process.env.DATABASE_URL = database.url
  return database
}
