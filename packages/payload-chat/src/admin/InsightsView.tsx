import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter, Link, SetStepNav } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import React, { type CSSProperties, type ReactNode } from 'react'

import { messagesSlug } from '../collections/chatCollections'
import { writeAnswerPath } from '../endpoints/writeAnswerEndpoint'
import { type ChatInsights, computeInsights, defaultDays, parseDays } from '../insights/computeInsights'
import { canReadInsights } from '../insights/insightsAccess'
import { linkableUrl } from '../insights/linkableUrl'
import { insightsViewPath } from '../insights/viewPath'
import { EngagementSection } from './EngagementSection'
import { FailingChecks } from './FailingChecks'
import { cell, colours, heading, note, numberCell, section, Table } from './insightsTable'
import { WriteAnswerCell } from './WriteAnswerCell'

const dayChoices = [7, 30, 90]

/**
 * `/admin/chat-insights`: what visitors asked the chat and how it went, so editors know what to write
 * next. For users who may read the chat messages; others are told they may not.
 */
export async function InsightsView({ initPageResult, params, searchParams, user }: AdminViewServerProps) {
  const { locale, permissions, req, visibleEntities } = initPageResult
  const { payload } = req
  const adminRoute = payload.config.routes.admin
  const here = formatAdminURL({ adminRoute, path: insightsViewPath })
  const parsed = parseDays(single(searchParams?.days))
  const days = 'days' in parsed ? parsed.days : defaultDays

  if (!req.user) {
    const login = formatAdminURL({ adminRoute, path: payload.config.admin.routes.login })
    redirect(`${login}?redirect=${encodeURIComponent(`${here}?days=${days}`)}`)
  }

  const page = (children: ReactNode) => (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={user}
      visibleEntities={{ collections: [...visibleEntities.collections], globals: [...visibleEntities.globals] }}
    >
      <SetStepNav nav={[{ label: 'Chat insights' }]} />
      <Gutter>
        <h1 style={{ margin: 'calc(var(--base) * 1.5) 0 calc(var(--base) / 2)' }}>Chat insights</h1>
        {children}
      </Gutter>
    </DefaultTemplate>
  )

  // The same access as the chat messages themselves (the plugin's `access.read`).
  const read = payload.config.collections.find((collection) => collection.slug === messagesSlug)!.access.read
  if (!(await canReadInsights(read, req))) {
    return page(
      <p data-testid="chat-insights-forbidden" style={note}>
        You are not allowed to see the chat insights: they need permission to read the chat messages.
      </p>,
    )
  }

  const insights = await computeInsights(payload, { days })
  const formatDate = dateFormatter(req.i18n?.language)
  const writeAnswers = payload.config.endpoints.some((endpoint) => endpoint.path === writeAnswerPath)
  return page(
    <div data-days={days} data-testid="chat-insights">
      <div
        style={{
          alignItems: 'center',
          display: 'flex',
          flexWrap: 'wrap',
          gap: 'var(--base)',
          justifyContent: 'space-between',
          marginBottom: 'calc(var(--base) * 1.5)',
        }}
      >
        <p style={note}>
          The last {days} day{days === 1 ? '' : 's'}: {insights.perDay[0]?.day} to {insights.perDay.at(-1)?.day} (UTC).
        </p>
        <DaySelector current={days} here={here} />
      </div>
      <Totals insights={insights} />
      <section data-testid="insights-per-day" style={section}>
        <h2 style={heading}>Questions per day</h2>
        {insights.totals.questions === 0 ? (
          <p style={note}>Nobody asked the chat anything in this period.</p>
        ) : (
          <PerDayChart perDay={insights.perDay} />
        )}
      </section>
      <section data-testid="insights-unanswered" style={section}>
        <h2 style={heading}>Top unanswered questions</h2>
        <p style={{ ...note, marginBottom: 'calc(var(--base) / 2)' }}>
          Nothing published was relevant to these: candidates for new content.
        </p>
        {insights.topUnanswered.length === 0 ? (
          <p style={note}>
            {insights.totals.questions === 0
              ? 'No questions in this period.'
              : 'Every question in this period found something relevant.'}
          </p>
        ) : (
          <Table head={['Question', 'Times asked', 'Last asked', ...(writeAnswers ? ['Answer'] : [])]} numeric={[1]}>
            {insights.topUnanswered.map((row) => (
              <tr key={row.question}>
                <td style={cell}>{row.question}</td>
                <td style={numberCell}>{row.count}</td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{formatDate(row.lastAskedAt)}</td>
                {writeAnswers && (
                  <td style={cell}>
                    <WriteAnswerCell question={row.question} req={req} />
                  </td>
                )}
              </tr>
            ))}
          </Table>
        )}
      </section>
      <FailingChecks formatDate={formatDate} req={req} />
      <section data-testid="insights-negative" style={section}>
        <h2 style={heading}>Answers rated unhelpful</h2>
        {insights.negativeFeedback.length === 0 ? (
          <p style={note}>No answer was rated unhelpful in this period.</p>
        ) : (
          <Table head={['Question', 'Answer', 'Comment', 'Rated']}>
            {insights.negativeFeedback.map((row) => (
              <tr key={row.id}>
                <td style={{ ...cell, minWidth: '12rem' }}>
                  <Link href={row.adminUrl} prefetch={false}>
                    {row.question}
                  </Link>
                </td>
                <td style={{ ...cell, color: 'var(--theme-elevation-700)', fontSize: '0.92em' }}>
                  {row.answer || '—'}
                </td>
                <td style={cell}>{row.comment || <span style={{ color: colours.muted }}>No comment</span>}</td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{row.ratedAt ? formatDate(row.ratedAt) : '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section data-testid="insights-sources" style={section}>
        <h2 style={heading}>Most cited sources</h2>
        {insights.topSources.length === 0 ? (
          <p style={note}>No answer cited a source in this period.</p>
        ) : (
          <Table head={['Source', 'Collection', 'Answers citing it']} numeric={[2]}>
            {insights.topSources.map((row) => (
              <tr key={`${row.collection}:${row.id}`}>
                <td style={cell}>
                  {linkableUrl(row.url) ? (
                    <a href={linkableUrl(row.url)} rel="noreferrer" target="_blank">
                      {row.title || row.url}
                    </a>
                  ) : (
                    row.title || `${row.collection} ${row.id}`
                  )}
                </td>
                <td style={{ ...cell, color: colours.muted }}>{row.collection}</td>
                <td style={numberCell}>{row.citations}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <EngagementSection engagement={insights.engagement} />
    </div>,
  )
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

function dateFormatter(language = 'en') {
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  } catch {
    format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  }
  return (value: string) => `${format.format(new Date(value))} UTC`
}

function DaySelector({ current, here }: { current: number; here: string }) {
  return (
    <nav aria-label="Period" style={{ display: 'flex', gap: 'calc(var(--base) / 4)' }}>
      {dayChoices.map((choice) => {
        const active = choice === current
        return (
          <Link
            aria-current={active ? 'page' : undefined}
            data-testid={`insights-days-${choice}`}
            href={`${here}?days=${choice}`}
            key={choice}
            prefetch={false}
            style={{
              background: active ? 'var(--theme-elevation-800)' : 'var(--theme-elevation-50)',
              border: `1px solid ${active ? 'var(--theme-elevation-800)' : colours.rule}`,
              borderRadius: 'var(--style-radius-s)',
              color: active ? 'var(--theme-elevation-0)' : 'var(--theme-elevation-800)',
              padding: 'calc(var(--base) / 4) calc(var(--base) / 1.5)',
              textDecoration: 'none',
            }}
          >
            {choice} days
          </Link>
        )
      })}
    </nav>
  )
}

function Totals({ insights: { totals } }: { insights: ChatInsights }) {
  const percent = `${Math.round(totals.unansweredRate * 100)}%`
  const cards: { detail?: string; label: string; value: number | string }[] = [
    { label: 'Questions', value: totals.questions },
    {
      detail: totals.questions > 0 ? `${percent} of questions` : undefined,
      label: 'Unanswered',
      value: totals.unanswered,
    },
    { label: 'Failed answers', value: totals.failed },
    { label: 'Rated helpful', value: totals.rated.up },
    { label: 'Rated unhelpful', value: totals.rated.down },
  ]
  return (
    <section
      data-testid="insights-totals"
      style={{
        ...section,
        display: 'grid',
        gap: 'var(--base)',
        gridTemplateColumns: 'repeat(auto-fill, minmax(10rem, 1fr))',
      }}
    >
      {cards.map((card) => (
        <div
          data-total={card.label}
          key={card.label}
          style={{
            background: 'var(--theme-elevation-50)',
            border: `1px solid ${colours.rule}`,
            borderRadius: 'var(--style-radius-m)',
            padding: 'calc(var(--base) * 0.75) var(--base)',
          }}
        >
          <div style={{ color: colours.muted, fontSize: '0.85em' }}>{card.label}</div>
          <div style={{ fontSize: '1.8em', fontWeight: 600, lineHeight: 1.3 }}>{card.value}</div>
          {card.detail && <div style={{ color: colours.muted, fontSize: '0.85em' }}>{card.detail}</div>}
        </div>
      ))}
    </section>
  )
}

/** Stacked bars, answered below unanswered, one per day; plain HTML so it follows the admin's theme. */
function PerDayChart({ perDay }: { perDay: ChatInsights['perDay'] }) {
  const max = Math.max(1, ...perDay.map((day) => day.questions))
  const height = 160
  const gap = perDay.length > 45 ? 1 : 2
  const label = (text: string, style: CSSProperties = {}) => (
    <span style={{ color: colours.muted, fontSize: '0.8em', ...style }}>{text}</span>
  )
  return (
    <figure style={{ margin: 0 }}>
      <div style={{ display: 'flex', gap: 'calc(var(--base) / 2)' }}>
        <div
          style={{
            display: 'flex',
            flexDirection: 'column',
            height,
            justifyContent: 'space-between',
            textAlign: 'right',
          }}
        >
          {label(String(max))}
          {label('0')}
        </div>
        <div
          aria-label={`Questions per day, at most ${max} on one day`}
          role="img"
          style={{
            alignItems: 'flex-end',
            borderBottom: `1px solid ${colours.rule}`,
            display: 'flex',
            flex: 1,
            gap,
            height,
          }}
        >
          {perDay.map((day) => {
            const answered = day.questions - day.unanswered
            return (
              <div
                data-day={day.day}
                data-questions={day.questions}
                key={day.day}
                style={{
                  display: 'flex',
                  flex: 1,
                  flexDirection: 'column',
                  height: '100%',
                  justifyContent: 'flex-end',
                  minWidth: 0,
                }}
                title={`${day.day}: ${day.questions} question${day.questions === 1 ? '' : 's'}, ${day.unanswered} unanswered`}
              >
                {day.unanswered > 0 && (
                  <div
                    style={{
                      background: colours.unanswered,
                      borderRadius: '2px 2px 0 0',
                      height: `${(day.unanswered / max) * 100}%`,
                    }}
                  />
                )}
                {answered > 0 && (
                  <div
                    style={{
                      background: colours.answered,
                      borderRadius: day.unanswered > 0 ? 0 : '2px 2px 0 0',
                      height: `${(answered / max) * 100}%`,
                    }}
                  />
                )}
              </div>
            )
          })}
        </div>
      </div>
      <figcaption
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          marginTop: 'calc(var(--base) / 4)',
          paddingLeft: 'calc(var(--base) * 1.5)',
        }}
      >
        {label(perDay[0]?.day ?? '')}
        <span style={{ display: 'flex', gap: 'var(--base)' }}>
          <Legend colour={colours.answered} text="Answered" />
          <Legend colour={colours.unanswered} text="Unanswered" />
        </span>
        {label(perDay.at(-1)?.day ?? '')}
      </figcaption>
    </figure>
  )
}

function Legend({ colour, text }: { colour: string; text: string }) {
  return (
    <span style={{ alignItems: 'center', color: colours.muted, display: 'inline-flex', fontSize: '0.8em', gap: 4 }}>
      <span style={{ background: colour, borderRadius: 2, display: 'inline-block', height: 10, width: 10 }} />
      {text}
    </span>
  )
}
