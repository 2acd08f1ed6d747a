import type { SearchHit } from '@askfolio/payload-retrieval'

import type { ChatContext } from '../context'
import type { ChatSource } from '../types'

/**
 * A hit counts as relevant when it covers enough of the question's own words (fewer will do when one
 * of them is in its title or headings), or when its meaning is close enough. A stray shared word
 * ("give", "computed"), or a heading word alone ("team" in "What is your favourite football team?"),
 * is not enough: that is what lets the chat say it is not sure.
 */
export const isRelevant = (
  hit: SearchHit,
  { minCoverage, minSimilarity, minTitleCoverage }: ChatContext['retrieval'],
) => (hit.coverage ?? 0) >= (hit.titleMatch ? minTitleCoverage : minCoverage) || (hit.similarity ?? 0) >= minSimilarity

/*
 * Links are absolute only on the configured public origin, never on the request's Host header: the
 * answer is stored and its links shown to editors, and a visitor can send any Host. Without one they
 * stay paths, which the widget resolves against the server it talks to.
 */
const sourceUrl = (path: string, publicUrl?: string) => (publicUrl ? new URL(path, `${publicUrl}/`).toString() : path)

/** How sure the chat is that the site answers a question: answer, offer pages, or say it does not know. */
export type Confidence = 'high' | 'low' | 'middle'

/** Close, but not enough to answer from: its words, counting stand-ins for the question's, cover enough. */
export const isClose = (hit: SearchHit, { minExpandedCoverage }: ChatContext['retrieval']) =>
  Math.max(hit.expandedCoverage ?? 0, hit.coverage ?? 0) >= minExpandedCoverage

/**
 * The sources for an answer, and the band they put it in, judged by the best hit: `high` when it is
 * relevant, with the relevant hits (answered from them); else `middle` with the close ones (offered
 * as links); else `low` with none. A relevant hit further down does not make an answer: the search
 * ranked something else first, so the question is probably not about it. Best first, numbered for
 * citation, linked on `publicUrl` (or as paths without one).
 */
export function selectSources(
  hits: SearchHit[],
  retrieval: ChatContext['retrieval'],
  publicUrl?: string,
): { confidence: Confidence; sources: ChatSource[] } {
  if (hits.length > 0 && isRelevant(hits[0], retrieval)) {
    return {
      confidence: 'high',
      sources: toSources(hits.filter((hit) => isRelevant(hit, retrieval)).slice(0, retrieval.maxSources), publicUrl),
    }
  }
  const close = hits.filter((hit) => isClose(hit, retrieval)).slice(0, retrieval.maxSuggestions)
  return close.length > 0
    ? { confidence: 'middle', sources: toSources(close, publicUrl) }
    : { confidence: 'low', sources: [] }
}

/** How a citation names a source: its title, and its page when the passage is from a PDF. */
export const sourceLabel = (title: string, page?: null | number): string =>
  page === null || page === undefined ? title : `${title}, page ${page}`

function toSources(hits: SearchHit[], publicUrl?: string): ChatSource[] {
  return hits.map((hit, i) => ({
    collection: hit.collection,
    id: hit.id,
    index: i + 1,
    label: sourceLabel(hit.title, hit.page),
    ...(hit.page === null || hit.page === undefined ? {} : { page: hit.page }),
    score: hit.score,
    snippet: hit.snippet,
    // The page is part of the passage, so a model can say where in the file it read it.
    text: [hit.page ? `(page ${hit.page})` : '', hit.heading, hit.text].filter(Boolean).join('\n'),
    title: hit.title,
    url: sourceUrl(hit.url ?? '/', publicUrl),
  }))
}

/** What a visitor sees of a source: never the passage sent to the model. */
export const publicSource = ({ collection, id, label, page, score, snippet, title, url }: ChatSource) => ({
  collection,
  id,
  label: label ?? title,
  page: page ?? null,
  score,
  snippet,
  title,
  url,
})
