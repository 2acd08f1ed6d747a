import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { messagesSlug } from '../collections/chatCollections'
import { engagementSlug } from '../engagement/engagementCollection'
import { queryRows, tableWithColumns } from '../store/database'
import { linkableUrl } from './linkableUrl'

export type ChatEngagement = {
  totals: { clicks: number; opens: number; questions: number; views: number }
  /** Every day of the range, oldest first, zero-filled (UTC). */
  perDay: { day: string; opens: number; questions: number; views: number }[]
  /** The pages whose visitors ask most (then the most viewed), with their views and opens. */
  topPages: { opens: number; page: string; questions: number; views: number }[]
  /** Sources answers cited in the range that no visitor clicked in it, most cited first. */
  citedNotClicked: { citations: number; title: string; url: string }[]
}

const topLimit = 10

/**
 * The widget's counts over a range (see engagementCollection.ts), beside the questions: what was
 * viewed, opened and asked where, and which cited sources nobody followed. `from` and `to` are the
 * insights' range; counts are per UTC day, so the range is taken by day.
 */
export async function computeEngagement(
  payload: Payload,
  { from, to }: { from: string; to: string },
): Promise<ChatEngagement> {
  const e = tableWithColumns(payload, engagementSlug, ['count', 'day', 'kind', 'page', 'target'])
  const m = tableWithColumns(payload, messagesSlug, ['createdAt', 'sources', 'status', 'unanswered'])
  const fromDay = from.slice(0, 10)
  const toDay = to.slice(0, 10)
  const counted = sql`counted as (
    select (${e.day} at time zone 'UTC')::date as day, ${e.kind}::text as kind, ${e.page} as page,
      ${e.target} as target, ${e.count} as count
    from ${e}
    where ${e.day} >= ${`${fromDay}T00:00:00Z`}::timestamptz and ${e.day} <= ${`${toDay}T00:00:00Z`}::timestamptz
  )`
  const sum = (kind: string) => sql`coalesce(sum(count) filter (where kind = ${kind}), 0)::int`
  // A citation's address as the widget reports a click on it: the path, with a PDF's #page.
  const path = (url: unknown) => sql`regexp_replace(${url}, ${'^https?://[^/]+'}, '')`

  const [[totals], perDay, topPages, uncited] = await Promise.all([
    queryRows<{ clicks: number; opens: number; questions: number; views: number }>(
      payload,
      sql`with ${counted} select ${sum('view')} as views, ${sum('open')} as opens, ${sum('question')} as questions,
        ${sum('click')} as clicks from counted`,
    ),
    queryRows<{ day: string; opens: number; questions: number; views: number }>(
      payload,
      sql`with ${counted}, days as (
        select generate_series(${fromDay}::date, ${toDay}::date, interval '1 day')::date as day
      ), per_day as (
        select day, ${sum('view')} as views, ${sum('open')} as opens, ${sum('question')} as questions from counted group by day
      )
      select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(p.views, 0)::int as views, coalesce(p.opens, 0)::int as opens,
        coalesce(p.questions, 0)::int as questions
      from days d left join per_day p on p.day = d.day order by d.day`,
    ),
    queryRows<{ opens: number; page: string; questions: number; views: number }>(
      payload,
      sql`with ${counted}
      select page, ${sum('view')} as views, ${sum('open')} as opens, ${sum('question')} as questions
      from counted where kind <> 'click' group by page
      order by questions desc, views desc, page asc limit ${topLimit}`,
    ),
    queryRows<{ citations: number; title: null | string; url: string }>(
      payload,
      sql`with ${counted}, cited as (
        select ${path(sql`s.value->>'url'`)} as url, s.value->>'title' as title, ${m.createdAt} as created_at
        from ${m}
        cross join lateral jsonb_array_elements(case when jsonb_typeof(${m.sources}) = 'array' then ${m.sources} else '[]'::jsonb end) as s(value)
        where ${m.createdAt} >= ${from}::timestamptz and ${m.createdAt} <= ${to}::timestamptz
          and ${m.status} = 'complete' and ${m.unanswered} is not true and jsonb_typeof(s.value) = 'object'
          and s.value->>'url' is not null
      )
      select url, (array_agg(title order by created_at desc))[1] as title, count(*)::int as citations
      from cited
      where url not in (select target from counted where kind = 'click')
      group by url order by citations desc, url asc limit ${topLimit}`,
    ),
  ])
  return {
    citedNotClicked: uncited.map((row) => ({
      citations: Number(row.citations),
      title: row.title ?? row.url,
      url: linkableUrl(row.url),
    })),
    perDay: perDay.map((row) => ({
      day: row.day,
      opens: Number(row.opens),
      questions: Number(row.questions),
      views: Number(row.views),
    })),
    topPages: topPages.map((row) => ({
      opens: Number(row.opens),
      page: row.page,
      questions: Number(row.questions),
      views: Number(row.views),
    })),
    totals: {
      clicks: Number(totals.clicks),
      opens: Number(totals.opens),
      questions: Number(totals.questions),
      views: Number(totals.views),
    },
  }
}
