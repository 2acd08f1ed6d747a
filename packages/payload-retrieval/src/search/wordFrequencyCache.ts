import type { Database } from '../store/database'

import { readWordFrequencies, type WordFrequency } from '../store/readWordFrequencies'

export type WordFrequencyCache = {
  /** Each word's lexemes and document frequencies, from the cache where it is fresh, else in one statement. */
  read: (db: Database, words: string[], language: string) => Promise<WordFrequency[]>
}

/**
 * Remembers query words' document frequencies for a short while, so that a query made of words seen
 * recently (most of them: visitors' words repeat) costs no statement for the expansion gate. A stale
 * entry only moves the gate: a word published a moment ago may still be expanded, a word just
 * removed not yet; stand-ins weigh below a word's own matches either way, so nothing is lost.
 * @param maxAge milliseconds an entry is trusted. @default 60000
 * @param size words kept, least recently used dropped first. @default 10000
 */
export function createWordFrequencyCache({
  maxAge = 60_000,
  now = Date.now,
  size = 10_000,
}: { maxAge?: number; now?: () => number; size?: number } = {}): WordFrequencyCache {
  const entries = new Map<string, { at: number; rows: WordFrequency[] }>()
  const remember = (key: string, rows: WordFrequency[], at: number) => {
    entries.delete(key)
    entries.set(key, { at, rows })
    if (entries.size > size) entries.delete(entries.keys().next().value!)
  }
  return {
    async read(db, words, language) {
      const time = now()
      const unique = [...new Set(words)]
      const rowsOf = new Map<string, WordFrequency[]>()
      for (const word of unique) {
        const entry = entries.get(`${language}:${word}`)
        if (!entry || time - entry.at > maxAge) continue
        rowsOf.set(word, entry.rows)
        remember(`${language}:${word}`, entry.rows, entry.at)
      }
      const missing = unique.filter((word) => !rowsOf.has(word))
      if (missing.length > 0) {
        const read = await readWordFrequencies(db, missing, language)
        for (const word of missing) {
          // A stop word has no rows: remembered as such, it costs no statement either.
          const rows = read.filter((row) => row.word === word)
          rowsOf.set(word, rows)
          remember(`${language}:${word}`, rows, time)
        }
      }
      return unique.flatMap((word) => rowsOf.get(word)!)
    },
  }
}
