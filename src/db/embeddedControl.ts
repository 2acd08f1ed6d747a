import type { PGlite } from '@electric-sql/pglite'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'

import http from 'node:http'
import { Readable } from 'node:stream'

import { sameSecret } from './sameSecret'

/** A simple-protocol Query message, run on PGlite's backend directly (inside its query lock). */
export const queryMessage = (sql: string): Uint8Array => {
  const text = Buffer.from(`${sql}\0`)
  const message = Buffer.alloc(5 + text.length)
  message.write('Q', 0)
  message.writeInt32BE(4 + text.length, 1)
  text.copy(message, 5)
  return message
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The data directory as an uncompressed tarball, taken between two queries while no transaction is
 * open, right after a CHECKPOINT: every committed write is in it and nothing half-done is. All
 * connections share PGlite's one session, so waiting for "no open transaction" means waiting for
 * whichever client holds one to commit or roll back.
 */
export async function dumpBetweenTransactions(db: PGlite, timeoutMs = 120_000): Promise<Blob> {
  const started = Date.now()
  for (;;) {
    const dump = await db.runExclusive(async () => {
      if (db.isInTransaction()) return null
      // Its own sink for the reply: PGlite otherwise hands it to the last socket client's callback.
      await db.execProtocolRawStream(queryMessage('CHECKPOINT'), { onRawData: () => {} })
      return db.fs!.dumpTar('pgdata', 'none')
    })
    if (dump) return dump
    if (Date.now() - started > timeoutMs) throw new Error(`a transaction stayed open for ${timeoutMs} ms`)
    await pause(20)
  }
}

/** The header a dump request must carry: a browser sends it cross-site only after a CORS preflight, which is never answered. */
export const controlHeader = 'x-askfolio-control'

/**
 * Whether a request comes from a local tool that may have the dump: its Host names the loopback port
 * itself (a DNS-rebinding page sends its own host name), it carries the control header (a cross-site
 * form cannot), and `Authorization: Bearer <token>` with the database's secret (see embeddedSecret.ts),
 * which only the app's own user can read: any other local process is refused.
 */
const fromLocalTool = (req: http.IncomingMessage, port: number, token: string) =>
  (req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`) &&
  req.headers[controlHeader] === 'dump' &&
  sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)

/**
 * A loopback HTTP endpoint next to the wire protocol, for tools that need the PGlite instance itself:
 * `POST /dump` answers with the data-directory tarball (see dumpBetweenTransactions). The port is
 * recorded in the lock file as `controlPort`; `token` is the database password. It answers no browser
 * (see fromLocalTool; it sends no CORS headers).
 */
export async function startControlServer(
  db: PGlite,
  token: string,
): Promise<{ close: () => Promise<void>; port: number }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/dump') {
      res.writeHead(404).end()
      return
    }
    if (!fromLocalTool(req, (server.address() as { port: number }).port, token)) {
      res
        .writeHead(403, { 'content-type': 'text/plain' })
        .end(
          `refused: send Host 127.0.0.1:<port>, ${controlHeader}: dump and the token (DATA_DIR/postgres-secret) as Authorization: Bearer`,
        )
      return
    }
    dumpBetweenTransactions(db)
      .then((dump) => {
        res.writeHead(200, { 'content-length': dump.size, 'content-type': 'application/x-tar' })
        Readable.fromWeb(dump.stream() as NodeWebReadableStream).pipe(res)
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : String(error))
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as { port: number }
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return { close, port }
}
