import type { RetrievalContext } from '../context'

import { stopWords } from '../embedders/stopWords'
import { queryWords, withoutFrameWords } from '../expansion/frameWords'
import { type Database } from '../store/database'

/** Words that stand in for a query word the index does not hold: `group` is that word's lexeme. */
export type Expansions = { groups: string[]; sources: string[]; weights: number[]; words: string[] }

export type ExpandedQuery = {
  expansions: Expansions
  /** The share of the query's words (those the language does not drop) that were expanded. */
  expandedShare: number
  /** The full-text query: the visitor's words without the question's frame. */
  text: string
}

/** No stand-ins (a fresh object: callers push to it). */
export const noExpansions = (): Expansions => ({ groups: [], sources: [], weights: [], words: [] })

/**
 * Prepares a full-text query: drops the question's frame words, then, for each word the index holds
 * in at most `maxDocumentFrequency` chunks (2 by default), asks the expander for words that may
 * stand in for it. Which of those the index holds, and the best few per word, the full-text query
 * itself decides (see `fullTextQuery`). A word the index does hold is never expanded: on a large
 * corpus, expansions of known words cost precision (measured on SciFact).
 */
export async function expandQuery(db: Database, context: RetrievalContext, query: string): Promise<ExpandedQuery> {
  const text = withoutFrameWords(query, context.frameWords)
  const expansion = context.expansion
  if (!expansion) return { expandedShare: 0, expansions: noExpansions(), text }
  const frequencies = await expansion.frequencies.read(db, queryWords(text), context.language)
  const rare = new Map<string, string>()
  const held = new Set<string>()
  for (const { df, lexeme, word } of frequencies) {
    if (df > expansion.maxDocumentFrequency) held.add(word)
    else rare.set(word, lexeme)
  }
  for (const word of held) rare.delete(word) // a hyphenated word whose other part is held
  const expansions = noExpansions()
  for (const [word, lexeme] of rare) {
    for (const related of await expansion.expander.related(word)) {
      // A stand-in that only frames a question, or that the language's search drops, adds only noise.
      if (context.frameWords.has(related.word) || stopWords.has(related.word)) continue
      expansions.groups.push(lexeme)
      expansions.sources.push(word)
      expansions.weights.push(Math.min(related.weight, 0.95))
      expansions.words.push(related.word)
    }
  }
  const words = new Set(frequencies.map((entry) => entry.word)).size
  return { expandedShare: words > 0 ? rare.size / words : 0, expansions, text }
}
