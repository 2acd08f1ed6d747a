import { stopWords } from '../embedders/stopWords'

/**
 * Words that frame a question rather than name its subject: "Have you *built anything* for
 * hospitals?", "Which *tools* did you *make* for *people* who…". Every portfolio holds them, so in a
 * query they only match at random; search drops them from the full-text query (keeping the query
 * whole if nothing else is left). Stop words proper (the, of, you) PostgreSQL already drops.
 */
export const questionFrameWords = [
  'anything',
  'anyone',
  'app',
  'apps',
  'build',
  'building',
  'built',
  'create',
  'created',
  'creating',
  'develop',
  'developed',
  'did',
  'do',
  'does',
  'done',
  'ever',
  'example',
  'examples',
  'experience',
  'experienced',
  'get',
  'give',
  'got',
  'help',
  'helped',
  'kind',
  'kinds',
  'know',
  'like',
  'made',
  'make',
  'making',
  'need',
  'people',
  'person',
  'show',
  'sort',
  'something',
  'stuff',
  'tell',
  'thing',
  'things',
  'tool',
  'tools',
  'use',
  'used',
  'uses',
  'using',
  'want',
  'work',
  'worked',
  'working',
  'would',
]

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu

/** The query without its frame words; the query itself when nothing but frame and stop words is left. */
export function withoutFrameWords(query: string, frameWords: ReadonlySet<string>): string {
  if (frameWords.size === 0) return query
  const kept = query.replace(wordPattern, (word) => (frameWords.has(word.toLowerCase()) ? ' ' : word))
  return queryWords(kept).some((word) => !stopWords.has(word)) ? kept.replace(/\s+/g, ' ').trim() : query
}

/** A query's words without its stop words, as a text (what its meaning is made of). */
export const contentWords = (query: string): string =>
  queryWords(query)
    .filter((word) => !stopWords.has(word))
    .join(' ')

/** A query's distinct words, lowercased, as candidates for expansion. */
export const queryWords = (query: string): string[] => [
  ...new Set((query.match(wordPattern) ?? []).map((word) => word.toLowerCase())),
]
