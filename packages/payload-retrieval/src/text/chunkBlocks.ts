import type { Chunk } from '../types'
import type { Block } from './lexicalToBlocks'

import crypto from 'node:crypto'

export type ChunkingOptions = { maxChars: number; overlapChars: number }

const headingSeparator = ' › '

/**
 * The content hash: what the chunk says and where, so a moved heading re-embeds but a moved URL does
 * not. A page counts only when there is one, so chunks of fields keep the hashes they always had.
 */
export const chunkHash = (title: string, heading: string, text: string, page?: number): string =>
  crypto
    .createHash('sha256')
    .update(`${title}\u0000${heading}\u0000${text}${page === undefined ? '' : `\u0000page ${page}`}`)
    .digest('hex')

/** The text an embedder sees: the document title and heading path give the passage its context. */
export const embeddingText = (title: string, chunk: Pick<Chunk, 'heading' | 'text'>): string =>
  [title, chunk.heading, chunk.text].filter(Boolean).join('\n')

const sentences = (text: string): string[] =>
  text.includes('\n') && !/[.!?]\s/.test(text) ? text.split('\n') : text.split(/(?<=[.!?])\s+/)

/** The end of `text`, at most `max` characters, starting at a sentence or word boundary. */
function tail(text: string, max: number): string {
  if (max <= 0) return ''
  const parts = sentences(text)
  let out = ''
  for (let i = parts.length - 1; i >= 0; i--) {
    const next = out ? `${parts[i]} ${out}` : parts[i]
    if (next.length > max) break
    out = next
  }
  if (out) return out
  const cut = text.slice(-max)
  const space = cut.indexOf(' ')
  return space > 0 ? cut.slice(space + 1) : cut
}

/** Splits one unit that is longer than `maxChars` at sentence (or line, or word) boundaries. */
function splitLong(text: string, { maxChars, overlapChars }: ChunkingOptions): string[] {
  const pieces: string[] = []
  let current = ''
  const words = (part: string) => part.split(/(?<=\s)/)
  for (const part of sentences(text).flatMap((s) => (s.length > maxChars ? words(s) : [s]))) {
    const joined = current ? `${current} ${part}`.replace(/\s+ /g, ' ') : part
    if (joined.length <= maxChars || !current) {
      current = joined
      continue
    }
    pieces.push(current.trim())
    const overlap = tail(current, overlapChars)
    current = overlap ? `${overlap} ${part}` : part
  }
  if (current.trim()) pieces.push(current.trim())
  return pieces
}

/**
 * Cuts a document's blocks into chunks. Chunks never cross a heading, so each carries the path of
 * headings above it; within a section, paragraphs (and lists, code) are packed up to `maxChars`, a
 * longer paragraph is split at sentences, and a chunk that continues its section starts with the last
 * sentence of the one before (`overlapChars`). Editing one paragraph changes the chunk holding it, and
 * at most its neighbour.
 */
export function chunkBlocks(blocks: Block[], title: string, options: ChunkingOptions): Chunk[] {
  type Section = { heading: string; page?: number; units: string[] }
  const sections: Section[] = []
  const path: { level: number; text: string }[] = []
  let current: Section = { heading: '', units: [] }
  sections.push(current)
  const headingPath = () => path.map((entry) => entry.text).join(headingSeparator)
  for (const block of blocks) {
    if (block.kind === 'heading') {
      while (path.length > 0 && path[path.length - 1].level >= block.level) path.pop()
      path.push({ level: block.level, text: block.text })
      current = { heading: headingPath(), page: current.page, units: [] }
      sections.push(current)
    } else if (block.page !== current.page) {
      // A new page starts a new chunk, so every chunk of a PDF cites the one page it is on.
      if (current.units.length > 0) {
        current = { heading: current.heading, units: [] }
        sections.push(current)
      }
      current.page = block.page
      current.units.push(block.text)
    } else {
      current.units.push(block.text)
    }
  }

  const chunks: Chunk[] = []
  for (const { heading, page, units } of sections) {
    const pieces: string[] = []
    let piece = ''
    const flush = () => {
      if (piece) pieces.push(piece)
      piece = ''
    }
    for (const unit of units) {
      if (unit.length > options.maxChars) {
        flush()
        pieces.push(...splitLong(unit, options))
      } else if (piece && piece.length + 2 + unit.length > options.maxChars) {
        const overlap = tail(piece, Math.min(options.overlapChars, options.maxChars - unit.length - 2))
        flush()
        piece = overlap ? `${overlap}\n\n${unit}` : unit
      } else {
        piece = piece ? `${piece}\n\n${unit}` : unit
      }
    }
    flush()
    for (const text of pieces) {
      const chunk: Chunk = { hash: chunkHash(title, heading, text, page), heading, index: chunks.length, text }
      if (page !== undefined) chunk.page = page
      chunks.push(chunk)
    }
  }
  return chunks
}
