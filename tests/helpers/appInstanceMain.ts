/**
 * One app instance in its own OS process, for tests of several instances on one database: Payload on
 * DATABASE_URL (running the jobs queues when JOBS_AUTORUN allows) behind the REST route handlers
 * (tests/helpers/apiServer.ts), which also serve the app's endpoints (/api/search, /api/chat).
 * Prints `{"url": …}` on stdout once it listens.
 */
import { getPayload } from 'payload'

import { startApiServer } from './apiServer'

const { default: config } = await import('../../payload.config')
// Initialise now rather than on the first request, so the job runner (if on) starts straight away.
const payload = await getPayload({ config })
const server = await startApiServer()
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)

process.on('SIGTERM', async () => {
  await server.close()
  await payload.destroy().catch(() => {})
  process.exit(0)
})
