import type { RetrievalContext } from '../context'
import type { Chunk } from '../types'

import { embeddingText } from '../text/chunkBlocks'

/**
 * Embeds chunks (each distinct text once), in batches, and returns the vectors by content hash; with
 * no embedding model configured, nothing (chunks are then stored without vectors).
 */
export async function embedChunks(
  context: RetrievalContext,
  items: { chunk: Chunk; title: string }[],
): Promise<Map<string, number[]> | undefined> {
  const { embedder } = context
  if (!embedder) return undefined
  const unique = new Map<string, string>()
  for (const { chunk, title } of items) if (!unique.has(chunk.hash)) unique.set(chunk.hash, embeddingText(title, chunk))
  const hashes = [...unique.keys()]
  const vectors = new Map<string, number[]>()
  for (let start = 0; start < hashes.length; start += context.embedBatchSize) {
    const batch = hashes.slice(start, start + context.embedBatchSize)
    const embedded = await embedder.embed(batch.map((hash) => unique.get(hash)!))
    batch.forEach((hash, i) => vectors.set(hash, embedded[i]))
  }
  return vectors
}
