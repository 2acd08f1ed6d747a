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

/** The relevant hits, best first, numbered for citation, linked on `publicUrl` (or as paths without one). */
export function selectSources(hits: SearchHit[], retrieval: ChatContext['retrieval'], publicUrl?: string): ChatSource[] {
  return hits
    .filter((hit) => isRelevant(hit, retrieval))
    .slice(0, retrieval.maxSources)
    .map((hit, i) => ({
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
