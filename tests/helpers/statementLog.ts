import type { Payload } from 'payload'
import type pg from 'pg'

type Query = (...args: unknown[]) => unknown

/** The SQL text of a node-postgres `query` call's first argument (a string or a query config). */
const textOf = (first: unknown): string =>
  typeof first === 'string' ? first : String((first as { text?: unknown } | null)?.text ?? first)

/**
 * Records every statement the Payload instance's pool sends, transactions' BEGIN and COMMIT
 * included: each is one round trip to the database. node-postgres sends every query, `pool.query`
 * too, through a client from `pool.connect`, so watching the clients it hands out sees them all (and
 * nothing of other pools, such as the test server's readiness probe).
 */
export function statementLog(payload: Payload) {
  const pool = (payload.db as unknown as { pool: pg.Pool }).pool
  const watched = new WeakSet<object>()
  let recorded: null | string[] = null
  const watch = (client: pg.PoolClient | undefined) => {
    if (!client || watched.has(client)) return
    watched.add(client)
    const query = client.query.bind(client) as Query
    ;(client as unknown as { query: Query }).query = (...args: unknown[]) => {
      recorded?.push(textOf(args[0]).replace(/\s+/g, ' ').trim())
      return query(...args)
    }
  }
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown
  ;(pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    const callback = args[0] as ((error: Error, client: pg.PoolClient, done: unknown) => void) | undefined
    if (typeof callback === 'function')
      return connect((error: Error, client: pg.PoolClient, done: unknown) => {
        watch(client)
        callback(error, client, done)
      })
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      watch(client)
      return client
    })
  }
  return {
    /** The statements `run` made, in order. */
    async during(run: () => Promise<unknown>): Promise<string[]> {
      const statements: string[] = []
      recorded = statements
      try {
        await run()
      } finally {
        recorded = null
      }
      return statements
    },
  }
}
