import type { ChatEngagement } from '../insights/computeEngagement'

import React from 'react'

import { linkableUrl } from '../insights/linkableUrl'
import { cell, colours, heading, note, numberCell, section, Table } from './insightsTable'

const rate = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—')

/**
 * The widget's counts beside the questions: views, opens, questions and source clicks over the same
 * days, the pages whose visitors ask most, and the sources answers cite that nobody follows (an
 * answer that satisfies, or a link that looks not worth it). Counts only: nothing about visitors.
 */
export function EngagementSection({ engagement }: { engagement: ChatEngagement }) {
  const { citedNotClicked, topPages, totals } = engagement
  return (
    <section data-testid="insights-engagement" style={section}>
      <h2 style={heading}>Engagement</h2>
      <p style={{ ...note, marginBottom: 'calc(var(--base) / 2)' }}>
        Counted by the widget, per page and day: no cookies, no addresses, nothing about who. {totals.views} page view
        {totals.views === 1 ? '' : 's'}, the chat opened {totals.opens} time{totals.opens === 1 ? '' : 's'} (
        {rate(totals.opens, totals.views)} of views), {totals.questions} question{totals.questions === 1 ? '' : 's'}{' '}
        asked, {totals.clicks} cited source{totals.clicks === 1 ? '' : 's'} followed.
      </p>
      <h3 style={heading}>Pages whose visitors ask most</h3>
      {topPages.length === 0 ? (
        <p style={note}>The widget counted no visits in this period.</p>
      ) : (
        <Table head={['Page', 'Views', 'Chat opened', 'Questions']} numeric={[1, 2, 3]}>
          {topPages.map((row) => (
            <tr data-page={row.page} key={row.page}>
              <td style={cell}>
                <a href={row.page} rel="noreferrer" target="_blank">
                  {row.page}
                </a>
              </td>
              <td style={numberCell}>{row.views}</td>
              <td style={numberCell}>{row.opens}</td>
              <td style={numberCell}>{row.questions}</td>
            </tr>
          ))}
        </Table>
      )}
      <h3 style={{ ...heading, marginTop: 'var(--base)' }}>Cited, never followed</h3>
      {citedNotClicked.length === 0 ? (
        <p style={note}>Every source cited in this period was followed at least once, or none was cited.</p>
      ) : (
        <Table head={['Source', 'Answers citing it']} numeric={[1]}>
          {citedNotClicked.map((row) => (
            <tr data-source={row.url} key={row.url}>
              <td style={cell}>
                {linkableUrl(row.url) ? (
                  <a href={linkableUrl(row.url)} rel="noreferrer" target="_blank">
                    {row.title}
                  </a>
                ) : (
                  <span style={{ color: colours.muted }}>{row.title}</span>
                )}
              </td>
              <td style={numberCell}>{row.citations}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  )
}
