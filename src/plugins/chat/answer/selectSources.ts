import type { SearchHit } from '../../retrieval'
import type { ChatContext } from '../context'
import type { ChatSource } from '../types'

/**
 * A hit counts as relevant when a word of the question names it (title or heading), when it covers
 * enough of the question's words, or when its meaning is close enough. A stray shared word ("give",
 * "computed") is not enough: that is what lets the chat say it does not know.
 */
export const isRelevant = (hit: SearchHit, { minCoverage, minSimilarity }: ChatContext['retrieval']) =>
  hit.titleMatch || (hit.coverage ?? 0) >= minCoverage || (hit.similarity ?? 0) >= minSimilarity

/*
 * Links are absolute only on the configured public origin, never on the request's Host header: the
 * answer is stored and its links shown to editors, and a visitor can send any Host. Without one they
 * stay paths, which the widget resolves against the server it talks to.
 */
const sourceUrl = (path: string, publicUrl?: string) => (publicUrl ? new URL(path, `${publicUrl}/`).toString() : path)

/** How sure the chat is that the site answers a question: answer, offer pages, or say it does not know. */
export type Confidence = 'high' | 'low' | 'middle'

/** Close, but not enough to answer from: its words, counting stand-ins for the question's, cover enough. */
export const isClose = (hit: SearchHit, { minExpandedCoverage }: ChatContext['retrieval']) => (hit.expandedCoverage ?? hit.coverage ?? 0) >= minExpandedCoverage

/**
 * The sources for an answer, and the band they put it in: `high` with the relevant hits (answered
 * from them), else `middle` with the close ones (offered as links), else `low` with none. Best
 * first, numbered for citation, linked on `publicUrl` (or as paths without one).
 */
export function selectSources(hits: SearchHit[], retrieval: ChatContext['retrieval'], publicUrl?: string): { confidence: Confidence; sources: ChatSource[] } {
  const relevant = hits.filter((hit) => isRelevant(hit, retrieval)).slice(0, retrieval.maxSources)
  if (relevant.length > 0) return { confidence: 'high', sources: toSources(relevant, publicUrl) }
  const close = hits.filter((hit) => isClose(hit, retrieval)).slice(0, retrieval.maxSuggestions)
  return close.length > 0 ? { confidence: 'middle', sources: toSources(close, publicUrl) } : { confidence: 'low', sources: [] }
}

function toSources(hits: SearchHit[], publicUrl?: string): ChatSource[] {
  return hits.map((hit, i) => ({
      collection: hit.collection,
      id: hit.id,
      index: i + 1,
      score: hit.score,
      snippet: hit.snippet,
      text: [hit.heading, hit.text].filter(Boolean).join('\n'),
      title: hit.title,
      url: sourceUrl(hit.url ?? '/', publicUrl),
    }))
}

/** What a visitor sees of a source: never the passage sent to the model. */
export const publicSource = ({ collection, id, score, snippet, title, url }: ChatSource) => ({ collection, id, score, snippet, title, url })
