/**
 * The one process entry (`npm run dev`, `npm start`): an express app that mounts Next.js, which
 * serves Payload's admin, REST and GraphQL APIs and the site. Without DATABASE_URL it first starts
 * the embedded PostgreSQL in a supervised child process.
 */
import express from 'express'
import next from 'next'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { megabytesFromEnv } from './src/config/env'
import { readReplicaUrls } from './src/db/poolOptions'
import { resolveDatabase } from './src/db/resolveDatabase'
import { followInvalidations } from './src/pageCache/followInvalidations'
import { registerPageCacheHandler } from './src/pageCache/nextCacheHandler'
import { installPageCache } from './src/pageCache/pageCacheStore'
import { serveCachedPage } from './src/pageCache/serveCachedPage'
import { clientAddress, parseTrustProxy } from './src/server/clientAddress'
import { closePayload } from './src/server/closePayload'
import { compressResponses } from './src/server/compressResponses'
import { databaseGate } from './src/server/databaseGate'
import { gracefulShutdown } from './src/server/gracefulShutdown'
import { liveness, readiness } from './src/server/health'
import { isLoopbackHost } from './src/server/isLoopbackHost'
import { limitJsonBodies, maxJsonBodyBytes } from './src/server/limitJsonBodies'
import { pageCacheControl } from './src/server/pageCacheControl'
import { prepareDatabase } from './src/server/prepareDatabase'
import { prepareEnvironment } from './src/server/prepareEnvironment'
import { publicUrlProblem } from './src/server/publicUrlProblem'
import { requestLogger } from './src/server/requestLogger'
import { securityHeaders } from './src/server/securityHeaders'

const started = Date.now()
process.env.NEXT_TELEMETRY_DISABLED ??= '1'
const dir = path.dirname(fileURLToPath(import.meta.url))
const { dataDir, production } = prepareEnvironment()
const publicUrlError = publicUrlProblem(production)
if (publicUrlError) {
  console.error(`[server] cannot start: ${publicUrlError}`)
  process.exit(1)
}
const port = Number(process.env.PORT) || 3000
// Loopback unless told otherwise: a developer's instance, with its seeded admin, stays on this machine.
const hostname = process.env.HOST || '127.0.0.1'

const db = await resolveDatabase({
  dataDir,
  // A crashed embedded database is restarted on the same port; meanwhile requests get 503.
  supervise: {
    onGiveUp: (error) => {
      console.error(`[server] the embedded database does not start again (${(error as Error).message}); stopping`)
      process.exit(1)
    },
  },
})
process.env.DATABASE_URL = db.url
if (db.kind === 'owned') console.log(`[server] embedded PostgreSQL ready (data in ${dataDir})`)
if (db.kind === 'shared') console.warn('[server] using the embedded database another process started')

try {
  await prepareDatabase({
    exposedOn: isLoopbackHost(hostname) ? undefined : hostname,
    migrate: (process.env.MIGRATE_ON_START ?? (production ? 'false' : 'true')) === 'true',
    seedWhenEmpty: process.env.SEED !== 'false',
  })
} catch (error) {
  console.error(`[server] cannot start: ${error instanceof Error ? error.message : String(error)}`)
  await db.stop()
  process.exit(1)
}

const app = express()
const server = createServer(app)
const nextApp = next({ dev: !production, dir, hostname, port })
const handle = nextApp.getRequestHandler()
const ready = readiness({ connectionString: db.url })

app.disable('x-powered-by')
app.set('trust proxy', parseTrustProxy(process.env.TRUST_PROXY))
if (process.env.LOG_REQUESTS !== 'false') {
  app.use(requestLogger({ format: production ? 'json' : 'text', skip: production ? [] : ['/_next/', '/__nextjs'] }))
}
app.use(securityHeaders)
app.use(pageCacheControl)
app.use(compressResponses())
app.use(clientAddress)
// Pages Next.js has cached go out from memory at once (production only: the store exists there).
app.use(serveCachedPage)
app.get('/healthz', liveness)
app.get('/readyz', ready.handler)
app.use(limitJsonBodies({ maxBytes: maxJsonBodyBytes() }))
app.use(databaseGate({ probe: ready.check }))
app.use((req, res) => handle(req, res))

// In production, Next.js serves the site's pages from memory (src/pageCache) and this instance drops
// them as any instance's writes change them. Development renders every request.
registerPageCacheHandler()
const pageCache =
  production && process.env.PAGE_CACHE !== 'off'
    ? followInvalidations({
        connectionString: db.url,
        listen: process.env.DATABASE_EMBEDDED !== 'true',
        store: installPageCache({
          // A render just after an invalidation may read a replica that is behind: drop it again.
          invalidateAgainAfterMs: readReplicaUrls() ? 5000 : 0,
          maxBytes: megabytesFromEnv('PAGE_CACHE_MB', 64),
        }),
      })
    : undefined

await nextApp.prepare()
server.listen(port, hostname, () => {
  console.log(
    `[server] askfolio listening on http://${isLoopbackHost(hostname) ? 'localhost' : hostname}:${port} (${production ? 'production' : 'development'}, ready in ${Date.now() - started} ms)`,
  )
  // Start Payload inside Next.js now rather than on the first visitor's request: it also starts the
  // job runner, so indexing queued while the server was down (or by the seed) gets done.
  void fetch(`http://127.0.0.1:${port}/api/access`).catch(() => {})
})

// Payload (its job runner, then its pool) closes before the database stops, so no connection is left
// to hear the database go away.
gracefulShutdown(server, [
  { name: 'readiness pool', run: ready.close },
  { name: 'next', run: () => nextApp.close() },
  { name: 'page cache', run: async () => pageCache?.close() },
  { name: 'payload', run: () => closePayload() },
  { name: 'database', run: db.stop },
])
