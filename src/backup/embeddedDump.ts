import type { RunQuery } from './databaseFacts'

import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import fs from 'node:fs'
import http from 'node:http'
import { pipeline } from 'node:stream/promises'

import { controlHeader } from '../db/embeddedControl'

/**
 * Asks a running embedded database (its control port, from the lock file) for its data-dir dump;
 * `token` is its secret (embeddedSecret.ts). The dump holds everything, so `file` is made 0600.
 */
export function fetchEmbeddedDump(controlPort: number, token: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}`, [controlHeader]: 'dump' }
    const request = { headers, host: '127.0.0.1', method: 'POST', path: '/dump', port: controlPort }
    const req = http.request(request, (res) => {
      if (res.statusCode !== 200) {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () =>
          reject(new Error(`the embedded database could not dump itself (${res.statusCode}): ${text}`)),
        )
        return
      }
      pipeline(res, fs.createWriteStream(file, { mode: 0o600 }))
        .then(() => resolve(fs.statSync(file).size))
        .catch(reject)
    })
    req.on('error', (error) =>
      reject(new Error(`could not reach the embedded database's control port ${controlPort}: ${error.message}`)),
    )
    req.end()
  })
}

/**
 * Opens a data-dir dump with PGlite: in memory to read it, or written out into `dataDir` (which must
 * not hold a cluster yet) to restore it. Close it when done; close() flushes it to disk.
 */
export async function openEmbeddedDump(file: string, dataDir?: string): Promise<PGlite> {
  const loadDataDir = new Blob([fs.readFileSync(file)], { type: 'application/x-tar' })
  return PGlite.create({ dataDir, extensions: { vector }, loadDataDir })
}

export const pgliteQuery =
  (db: PGlite): RunQuery =>
  async <T>(sql: string) =>
    (await db.query<T>(sql)).rows
