import type { Chunk } from '../types'
import type { StoredChunk } from './readChunkMeta'

export type ChunkPlan = {
  /** New chunks: their text must be embedded. */
  insert: Chunk[]
  /** Stored chunks whose text is unchanged; their position or citation may need updating. */
  keep: { chunk: Chunk; row: StoredChunk }[]
  /** Stored chunks that no longer exist (or were embedded by another model). */
  remove: StoredChunk[]
}

/**
 * Compares a document's fresh chunks with the stored ones by content hash: a chunk whose hash (and
 * embedding model) is already stored keeps its vector, wherever it has moved.
 */
export function planChunkChanges(chunks: Chunk[], stored: StoredChunk[], model: string): ChunkPlan {
  const available = new Map<string, StoredChunk[]>()
  for (const row of stored) {
    if (row.model !== model) continue
    const list = available.get(row.hash) ?? []
    list.push(row)
    available.set(row.hash, list)
  }
  const plan: ChunkPlan = { insert: [], keep: [], remove: [] }
  const kept = new Set<number>()
  for (const chunk of chunks) {
    const row = available.get(chunk.hash)?.shift()
    if (row) {
      plan.keep.push({ chunk, row })
      kept.add(row.id)
    } else {
      plan.insert.push(chunk)
    }
  }
  plan.remove = stored.filter((row) => !kept.has(row.id))
  return plan
}
