import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'
import { formatAdminURL } from 'payload/shared'

import { messagesSlug } from '../collections/chatCollections'
import { queryRows, tableWithColumns } from '../store/database'
import { type ChatEngagement, computeEngagement } from './computeEngagement'
import { linkableUrl } from './linkableUrl'

export type ChatInsights = {
  days: number
  /** The first day's midnight (UTC). */
  from: string
  /** When the insights were computed: the end of the range. */
  to: string
  totals: {
    /** Questions whose answer failed (the model or the database gave an error). */
    failed: number
    questions: number
    rated: { down: number; up: number }
    /** Questions nothing published was relevant to. */
    unanswered: number
    /** `unanswered / questions`, 0 without questions. */
    unansweredRate: number
  }
  /** Every day of the range, oldest first, zero-filled. Days are UTC. */
  perDay: { day: string; questions: number; unanswered: number }[]
  /** Unanswered questions grouped by their normalised text, most asked first; `question` is the latest wording. */
  topUnanswered: { count: number; lastAskedAt: string; question: string }[]
  /** The latest thumbs-down, newest first. */
  negativeFeedback: {
    /** The message in the admin. */
    adminUrl: string
    answer: string
    askedAt: string
    comment: null | string
    /** The message's database id. */
    id: number
    /** The id the visitor was given. */
    messageId: string
    question: string
    ratedAt: null | string
    /** The session's database id. */
    sessionId: null | number
  }[]
  /** The documents answered questions drew on most, by the number of answers that cite them. */
  topSources: { citations: number; collection: string; id: string; title: string; url: string }[]
  /** The widget's counts over the same days: views, opens, questions per page, unclicked sources. */
  engagement: ChatEngagement
}

export const maxDays = 365
export const defaultDays = 30
const topUnansweredLimit = 10
const negativeFeedbackLimit = 20
const topSourcesLimit = 10
const answerChars = 300

/** `days` from a query string: a whole number from 1 to 365, or a message saying what is wrong. */
export function parseDays(value: unknown): { days: number } | { error: string } {
  if (value === undefined || value === null) return { days: defaultDays }
  const text = typeof value === 'string' ? value.trim() : ''
  const days = /^\d{1,3}$/.test(text) ? Number(text) : NaN
  if (!(days >= 1 && days <= maxDays)) return { error: `"days" must be a whole number from 1 to ${maxDays}.` }
  return { days }
}

const columns = [
  'answer',
  'comment',
  'createdAt',
  'id',
  'publicId',
  'question',
  'ratedAt',
  'rating',
  'session',
  'sources',
  'status',
  'unanswered',
] as const
const iso = (value: Date | string) => new Date(value).toISOString()
const day = (date: Date) => date.toISOString().slice(0, 10)
const truncate = (text: string, length: number) => (text.length > length ? `${text.slice(0, length).trimEnd()}…` : text)

/**
 * What visitors asked over the last `days` days (today, UTC, and the days before it) and how it went,
 * so editors see what content is missing. Everything counts the questions asked in that range, and
 * is aggregated in SQL.
 */
export async function computeInsights(
  payload: Payload,
  { days, now = new Date() }: { days: number; now?: Date },
): Promise<ChatInsights> {
  if (!Number.isInteger(days) || days < 1 || days > maxDays)
    throw new Error(`days must be a whole number from 1 to ${maxDays}`)
  const m = tableWithColumns(payload, messagesSlug, columns)
  const to = now.toISOString()
  const fromDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)))
  const from = fromDate.toISOString()

  // The range's messages under plain names; each query below starts from it.
  const recent = sql`recent as (
    select ${m.id} as id, ${m.publicId} as public_id, ${m.session} as session_id, ${m.question} as question, ${m.answer} as answer,
      ${m.sources} as sources, ${m.unanswered} is true as unanswered, ${m.status}::text as status, ${m.rating}::text as rating,
      ${m.comment} as comment, ${m.ratedAt} as rated_at, ${m.createdAt} as created_at
    from ${m}
    where ${m.createdAt} >= ${from}::timestamptz and ${m.createdAt} <= ${to}::timestamptz
  )`
  // Lower case, whitespace collapsed, trailing punctuation (? . !) dropped.
  const normalised = sql`btrim(regexp_replace(regexp_replace(lower(question), ${'\\s+'}, ' ', 'g'), ${'[\\s?.!]+$'}, ''))`

  const [[totals], perDay, unanswered, negative, sources, engagement] = await Promise.all([
    queryRows<{ down: number; failed: number; questions: number; unanswered: number; up: number }>(
      payload,
      sql`
      with ${recent}
      select count(*)::int as questions,
        count(*) filter (where unanswered)::int as unanswered,
        count(*) filter (where status = 'failed')::int as failed,
        count(*) filter (where rating = 'up')::int as up,
        count(*) filter (where rating = 'down')::int as down
      from recent`,
    ),
    queryRows<{ day: string; questions: number; unanswered: number }>(
      payload,
      sql`
      with ${recent}, days as (
        select generate_series(${day(fromDate)}::date, ${day(now)}::date, interval '1 day')::date as day
      ), counted as (
        select (created_at at time zone 'UTC')::date as day, count(*)::int as questions, count(*) filter (where unanswered)::int as unanswered
        from recent group by 1
      )
      select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(c.questions, 0)::int as questions, coalesce(c.unanswered, 0)::int as unanswered
      from days d left join counted c on c.day = d.day
      order by d.day`,
    ),
    queryRows<{ count: number; last_asked_at: Date | string; question: string }>(
      payload,
      sql`
      with ${recent}
      select ${normalised} as normalised, count(*)::int as count, max(created_at) as last_asked_at,
        (array_agg(question order by created_at desc, id desc))[1] as question
      from recent where unanswered
      group by 1
      order by count desc, last_asked_at desc
      limit ${topUnansweredLimit}`,
    ),
    queryRows<{
      answer: null | string
      comment: null | string
      created_at: Date | string
      id: number
      public_id: string
      question: string
      rated_at: Date | null | string
      session_id: null | number
    }>(
      payload,
      sql`
      with ${recent}
      select id, public_id, session_id, question, left(answer, ${answerChars + 1}) as answer, comment, created_at, rated_at
      from recent where rating = 'down'
      order by rated_at desc nulls last, id desc
      limit ${negativeFeedbackLimit}`,
    ),
    queryRows<{ citations: number; collection: string; id: string; title: null | string; url: null | string }>(
      payload,
      sql`
      with ${recent}, cited as (
        select r.id as message_id, r.created_at, s.value as source
        from recent r
        cross join lateral jsonb_array_elements(case when jsonb_typeof(r.sources) = 'array' then r.sources else '[]'::jsonb end) as s(value)
        where r.status = 'complete' and not r.unanswered and jsonb_typeof(s.value) = 'object'
      )
      select source->>'collection' as collection, source->>'id' as id,
        (array_agg(source->>'title' order by created_at desc))[1] as title,
        (array_agg(source->>'url' order by created_at desc))[1] as url,
        count(distinct message_id)::int as citations
      from cited
      where source->>'collection' is not null and source->>'id' is not null
      group by 1, 2
      order by citations desc, title asc
      limit ${topSourcesLimit}`,
    ),
    computeEngagement(payload, { from, to }),
  ])

  const adminRoute = payload.config.routes.admin
  return {
    days,
    engagement,
    from,
    to,
    totals: {
      failed: Number(totals.failed),
      questions: Number(totals.questions),
      rated: { down: Number(totals.down), up: Number(totals.up) },
      unanswered: Number(totals.unanswered),
      unansweredRate: Number(totals.questions) > 0 ? Number(totals.unanswered) / Number(totals.questions) : 0,
    },
    perDay: perDay.map((row) => ({
      day: row.day,
      questions: Number(row.questions),
      unanswered: Number(row.unanswered),
    })),
    topUnanswered: unanswered.map((row) => ({
      count: Number(row.count),
      lastAskedAt: iso(row.last_asked_at),
      question: row.question,
    })),
    negativeFeedback: negative.map((row) => ({
      adminUrl: formatAdminURL({ adminRoute, path: `/collections/${messagesSlug}/${row.id}`, relative: true }),
      answer: truncate(row.answer ?? '', answerChars),
      askedAt: iso(row.created_at),
      comment: row.comment,
      id: Number(row.id),
      messageId: row.public_id,
      question: row.question,
      ratedAt: row.rated_at ? iso(row.rated_at) : null,
      sessionId: row.session_id === null ? null : Number(row.session_id),
    })),
    topSources: sources.map((row) => ({
      citations: Number(row.citations),
      collection: row.collection,
      id: row.id,
      title: row.title ?? '',
      url: linkableUrl(row.url),
    })),
  }
}
