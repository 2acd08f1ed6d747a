import type { ChatModel, ChatSource } from '../types'

import { keywords } from './keywords'

type Candidate = { position: number; score: number; sentence: string; source: ChatSource; words: Set<string> }

const sentencesOf = (text: string): string[] =>
  text
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((line) => line.replace(/^\s*(?:[-*]|\d+\.|>)\s+/, '').trim())
    .filter((line) => line.length > 20 && !/^[\w\s]+:\s*\S+$/.test(line))

/**
 * The offline answerer: no model, no network. It quotes the sentences of the top sources that share
 * the most words with the question (rarer words count more), each followed by the number of the
 * source it comes from, so every claim is cited and nothing is made up.
 */
export function createExtractiveChatModel({ maxSentences = 3 }: { maxSentences?: number } = {}): ChatModel {
  return {
    async *generate({ question, sources }, { signal }) {
      const terms = [...new Set(keywords(question))]
      const documentFrequency = new Map<string, number>()
      const candidates: Candidate[] = []
      for (const source of sources) {
        for (const [position, sentence] of sentencesOf(source.text).entries()) {
          const words = new Set(keywords(sentence))
          for (const word of words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1)
          candidates.push({ position, score: 0, sentence, source, words })
        }
      }
      for (const candidate of candidates) {
        const overlap = terms.reduce(
          (sum, term) => sum + (candidate.words.has(term) ? 1 / (documentFrequency.get(term) ?? 1) : 0),
          0,
        )
        candidate.score = overlap + 0.2 / candidate.source.index - 0.01 * candidate.position
      }
      const matching = candidates.filter((candidate) => candidate.score > 0.2 / candidate.source.index)
      const picked = (
        matching.length > 0 ? matching : candidates.filter((c) => c.source.index === 1 && c.position === 0)
      )
        .sort((a, b) => b.score - a.score)
        .slice(0, maxSentences)
        .sort((a, b) => a.source.index - b.source.index || a.position - b.position)

      const parts = picked.map(({ sentence, source }) => `${sentence} [${source.index}]`)
      const text = parts.length > 0 ? `Here is what I found: ${parts.join(' ')}` : ''
      for (const piece of text.split(/(?<= )/)) {
        if (signal.aborted) return
        yield piece
      }
    },
    id: 'extractive',
  }
}
