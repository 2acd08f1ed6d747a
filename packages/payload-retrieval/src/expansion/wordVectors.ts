import type { RelatedWord } from '../types'

import { readWordVectorTable } from './wordVectorTable'

export type WordVectors = {
  /**
   * A text's meaning as one unit vector: its words' vectors averaged, each weighted by how rare it is
   * (a / (a + p), with p from its frequency rank: "smooth inverse frequency"), or null when no word
   * has a vector.
   */
  average: (words: string[]) => Float32Array | null
  /** The word's place by frequency in the table (0: the most frequent), or undefined if it has none. */
  rank: (word: string) => number | undefined
  /** Cosine between two words' vectors, or undefined if either has none. */
  similarity: (a: string, b: string) => number | undefined
  /** The `count` words nearest to `word` (cosine at least `minSimilarity`), nearest first; none for an unknown word. */
  neighbours: (
    word: string,
    options?: { count?: number; minSimilarity?: number },
  ) => Array<RelatedWord & { similarity: number }>
}

/**
 * Nearest neighbours in a word-vector table, by cosine over its int8 vectors. A neighbour search
 * reads every candidate (50,000 by 100 bytes is a few milliseconds), so only the words a query needs
 * expanded pay for it, and callers cache the results.
 *
 * `candidates`: neighbours come from the table's first (most frequent) words only; rarer words can
 * still be looked up, but seldom make good stand-ins. `weight`: a neighbour's weight is `weight ×
 * cosine`.
 */
export function openWordVectors(
  file: string,
  { candidates = 50_000, weight = 0.7 }: { candidates?: number; weight?: number } = {},
): WordVectors {
  const { dimensions, vectors, words } = readWordVectorTable(file)
  const position = new Map(words.map((word, i) => [word, i]))
  const norms = new Float32Array(words.length)
  for (let i = 0; i < words.length; i++) {
    let sum = 0
    for (let d = i * dimensions; d < (i + 1) * dimensions; d++) sum += vectors[d] * vectors[d]
    norms[i] = Math.sqrt(sum) || 1
  }
  const pool = Math.min(candidates, words.length)
  const cosine = (a: number, b: number) => {
    let dot = 0
    for (let d = 0; d < dimensions; d++) dot += vectors[a * dimensions + d] * vectors[b * dimensions + d]
    return dot / (norms[a] * norms[b])
  }

  // Word probabilities from frequency ranks (Zipf's law: p ≈ 0.1 / rank), for the rarity weights.
  const rarity = (rank: number) => 1e-3 / (1e-3 + 0.1 / (rank + 10))

  return {
    average(list) {
      const sum = new Float32Array(dimensions)
      let any = false
      for (const word of list) {
        const at = position.get(word.toLowerCase())
        if (at === undefined) continue
        any = true
        const weight = rarity(at) / norms[at]
        for (let d = 0; d < dimensions; d++) sum[d] += weight * vectors[at * dimensions + d]
      }
      if (!any) return null
      const norm = Math.hypot(...sum) || 1
      return sum.map((value) => value / norm)
    },
    rank: (word) => position.get(word.toLowerCase()),
    similarity(a, b) {
      const [i, j] = [position.get(a.toLowerCase()), position.get(b.toLowerCase())]
      return i === undefined || j === undefined ? undefined : cosine(i, j)
    },
    neighbours(word, { count = 50, minSimilarity = 0.5 } = {}) {
      const at = position.get(word.toLowerCase())
      if (at === undefined) return []
      const found: Array<{ i: number; similarity: number }> = []
      for (let i = 0; i < pool; i++) {
        if (i === at) continue
        const similarity = cosine(at, i)
        if (similarity >= minSimilarity) found.push({ i, similarity })
      }
      found.sort((a, b) => b.similarity - a.similarity)
      return found
        .slice(0, count)
        .map(({ i, similarity }) => ({ similarity, weight: weight * similarity, word: words[i] }))
    },
  }
}
