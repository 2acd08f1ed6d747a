import fs from 'node:fs'
import path from 'node:path'

/**
 * A compact table of word vectors: the most frequent words of a large embedding, each vector
 * scaled to unit length and stored as int8. It is built once from the source (see
 * `buildWordVectorTable`) so that no process ever loads the source itself.
 *
 * File layout: "AFWV1\n", a 4-byte little-endian length, a UTF-8 JSON header ({ dimensions, words,
 * provenance }), then `words.length × dimensions` int8 values.
 */
export type WordVectorTable = {
  dimensions: number
  provenance: Record<string, unknown>
  /** int8 components, `dimensions` per word, in the order of `words`. */
  vectors: Int8Array
  /** Most frequent first. */
  words: string[]
}

const magic = Buffer.from('AFWV1\n')

export function writeWordVectorTable(file: string, table: WordVectorTable): void {
  const header = Buffer.from(
    JSON.stringify({ dimensions: table.dimensions, provenance: table.provenance, words: table.words }),
  )
  const length = Buffer.alloc(4)
  length.writeUInt32LE(header.length)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // Written aside and renamed, so a reader (or a second builder) never sees half a table.
  const partial = `${file}.${process.pid}.partial`
  fs.writeFileSync(
    partial,
    Buffer.concat([
      magic,
      length,
      header,
      Buffer.from(table.vectors.buffer, table.vectors.byteOffset, table.vectors.byteLength),
    ]),
  )
  fs.renameSync(partial, file)
}

export function readWordVectorTable(file: string): WordVectorTable {
  const bytes = fs.readFileSync(file)
  if (!bytes.subarray(0, magic.length).equals(magic)) throw new Error(`${file} is not a word-vector table`)
  const headerLength = bytes.readUInt32LE(magic.length)
  const start = magic.length + 4
  const header = JSON.parse(bytes.toString('utf8', start, start + headerLength)) as Omit<WordVectorTable, 'vectors'>
  const body = bytes.subarray(start + headerLength)
  if (body.length !== header.words.length * header.dimensions) throw new Error(`${file} is truncated: rebuild it`)
  return { ...header, vectors: new Int8Array(body.buffer, body.byteOffset, body.length) }
}
