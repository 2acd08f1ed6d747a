import crypto from 'node:crypto'
import fs from 'node:fs'

import { writeWordVectorTable } from './wordVectorTable'

export type BuildWordVectorsOptions = {
  /** Called now and then with the share of the source read (0 to 1). */
  onProgress?: (share: number) => void
  /** Recorded in the table's header, with the source's size and checksum. */
  provenance?: Record<string, unknown>
  /** The embedding in wink's JSON layout: `{ dimensions, words: [most frequent first], vectors: { word: [...components, norm, index] } }`. */
  source: string
  target: string
  /** Words kept: the most frequent that are plain lowercase words. @default 100000 */
  words?: number
}

// Plain words only: no punctuation, numbers or tokens like "'s"; hyphenated compounds stay.
const plainWord = /^[a-z]+(?:-[a-z]+)*$/

/**
 * Builds a word-vector table from a large JSON embedding without parsing it whole (wink's GloVe file
 * is 307 MB; `JSON.parse` would take about 1 GB): the word list at its head is read first, then the
 * vectors are picked out of the stream for the words kept.
 */
export async function buildWordVectorTable({
  onProgress,
  provenance = {},
  source,
  target,
  words: keep = 100_000,
}: BuildWordVectorsOptions): Promise<{ words: number }> {
  const size = fs.statSync(source).size
  const hash = crypto.createHash('sha256')
  let dimensions = 0
  let chosen: Map<string, number> | null = null
  let vectors = new Int8Array(0)
  let found = 0
  let filled = new Uint8Array(0)
  let text = ''
  let read = 0
  let reported = 0

  const readHeader = () => {
    const end = text.indexOf('],"vectors":{')
    if (end === -1) return false
    const head = JSON.parse(`${text.slice(0, end + 1)}}`) as { dimensions: number; words: string[] }
    dimensions = head.dimensions
    const kept = head.words.filter((word) => plainWord.test(word)).slice(0, keep)
    chosen = new Map(kept.map((word, i) => [word, i]))
    vectors = new Int8Array(kept.length * dimensions)
    filled = new Uint8Array(kept.length)
    text = text.slice(end + '],"vectors":{'.length)
    return true
  }
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\],?/y
  const readVectors = () => {
    entry.lastIndex = 0
    let consumed = 0
    for (let match = entry.exec(text); match; match = entry.exec(text)) {
      consumed = entry.lastIndex
      const at = chosen!.get(JSON.parse(`"${match[1]}"`) as string)
      if (at === undefined || filled[at]) continue
      filled[at] = 1
      const values = match[2].split(',').slice(0, dimensions).map(Number)
      const norm = Math.hypot(...values) || 1
      for (let d = 0; d < dimensions; d++)
        vectors[at * dimensions + d] = Math.max(-127, Math.min(127, Math.round((values[d] / norm) * 127)))
      found++
    }
    text = text.slice(consumed)
  }

  for await (const piece of fs.createReadStream(source, { encoding: 'utf8', highWaterMark: 4 << 20 })) {
    hash.update(piece)
    read += Buffer.byteLength(piece)
    text += piece
    if (!chosen && !readHeader()) continue
    readVectors()
    if (onProgress && read < size && read / size - reported >= 0.1) onProgress((reported = read / size))
  }
  if (!chosen) throw new Error(`${source} has no word list followed by vectors`)
  const words = [...(chosen as Map<string, number>).keys()]
  if (found < words.length) throw new Error(`${source}: only ${found} of ${words.length} words have vectors`)
  writeWordVectorTable(target, {
    dimensions,
    provenance: {
      ...provenance,
      builtAt: new Date().toISOString(),
      quantization: 'unit length, int8 (×127)',
      sourceBytes: size,
      sourceSha256: hash.digest('hex'),
      words: words.length,
    },
    vectors,
    words,
  })
  onProgress?.(1)
  return { words: words.length }
}
