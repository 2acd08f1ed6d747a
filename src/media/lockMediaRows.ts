import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

type Execute = { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }
type Sessions = { sessions?: Record<string, { db: Execute } | undefined> }

/**
 * Locks the media rows `ids` until `req`'s transaction ends, in id order (so two saves never wait on
 * each other in a circle). Two saves that each stop using the same image, side by side, would
 * otherwise each see the other's document still published and both leave the image shown.
 * Without a transaction there is nothing to hold the lock; then it does nothing.
 */
export async function lockMediaRows(req: PayloadRequest, ids: (number | string)[]): Promise<void> {
  const transactionID = req.transactionID ? await req.transactionID : undefined
  const db = transactionID === undefined ? undefined : (req.payload.db as unknown as Sessions).sessions?.[String(transactionID)]?.db
  const numeric = ids.map(Number).filter(Number.isSafeInteger)
  if (!db || numeric.length === 0) return
  await db.execute(sql`select id from media where id in (${sql.join(numeric.map((id) => sql`${id}`), sql`, `)}) order by id for update`)
}
