import type { Payload } from 'payload'

import type { EngagementKind } from './engagementCollection'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { columnName, queryRows, tableWithColumns } from '../store/database'
import { engagementSlug } from './engagementCollection'

export type EngagementEvent = { kind: EngagementKind; page: string; target: string }

const columns = ['count', 'day', 'kind', 'page', 'target'] as const

/**
 * Adds a batch of events to the day's counts in one statement. Events with the same key are summed
 * first: one `insert … on conflict` may not touch a row twice.
 */
export async function recordEngagement(payload: Payload, events: EngagementEvent[], now = new Date()): Promise<void> {
  if (events.length === 0) return
  const counts = new Map<string, EngagementEvent & { count: number }>()
  for (const event of events) {
    const key = JSON.stringify([event.kind, event.page, event.target])
    const known = counts.get(key)
    if (known) known.count += 1
    else counts.set(key, { ...event, count: 1 })
  }
  const t = tableWithColumns(payload, engagementSlug, columns)
  const day = now.toISOString().slice(0, 10)
  const names = sql.join(
    [t.day, t.kind, t.page, t.target, t.count].map((column) => columnName(column)),
    sql`, `,
  )
  const rows = sql.join(
    [...counts.values()].map(
      (row) => sql`(${`${day}T00:00:00Z`}::timestamptz, ${row.kind}, ${row.page}, ${row.target}, ${row.count})`,
    ),
    sql`, `,
  )
  const count = columnName(t.count)
  await queryRows(
    payload,
    sql`insert into ${t} (${names}) values ${rows}
      on conflict (${sql.join(
        [t.day, t.kind, t.page, t.target].map((column) => columnName(column)),
        sql`, `,
      )}) do update set ${count} = ${t}.${count} + excluded.${count}`,
  )
}
