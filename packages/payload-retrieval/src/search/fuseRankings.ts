import type { Candidate } from './fullTextCandidates'

export type FusionWeights = {
  fullText: number
  k: number
  vector: number
  /** Whether a document only the vector side found may be a result, or the vector side only reorders. */
  vectorOnly: boolean
}

export type Fused = {
  /** The chunk that stands for the document: its best full-text match, else its nearest chunk. */
  chunkId: number
  coverage: null | number
  /** `collection:id` of the source document. */
  document: string
  expandedCoverage: null | number
  fullText: null | number
  score: number
  titleMatch: boolean
  vector: null | number
}

/** Keep each document's first (best) chunk, so ranks count documents rather than chunks. */
function rankDocuments(list: Candidate[]): Candidate[] {
  const seen = new Set<string>()
  return list.filter((candidate) => !seen.has(candidate.document) && seen.add(candidate.document))
}

/**
 * Reciprocal rank fusion over documents: each ranking adds weight / (k + rank) to every document it
 * holds. Ranks, not raw scores, so BM25 and cosine similarity need no common scale. Fusing chunks
 * instead would let a long document with several matching chunks outvote a better short one. The raw
 * scores ride along for callers that need an absolute sense of relevance (the chat's "I don't know").
 */
export function fuseRankings(fullText: Candidate[], vector: Candidate[], weights: FusionWeights): Fused[] {
  const fused = new Map<string, Fused>()
  const add = (list: Candidate[], weight: number, side: 'fullText' | 'vector') => {
    rankDocuments(list).forEach((candidate, rank) => {
      let entry = fused.get(candidate.document)
      if (!entry && side === 'vector' && !weights.vectorOnly) return
      if (!entry) {
        entry = {
          chunkId: candidate.id,
          coverage: null,
          document: candidate.document,
          expandedCoverage: null,
          fullText: null,
          score: 0,
          titleMatch: false,
          vector: null,
        }
        fused.set(candidate.document, entry)
      }
      entry.score += weight / (weights.k + rank + 1)
      entry[side] = candidate.score
      if (side === 'fullText') {
        entry.coverage = candidate.coverage ?? null
        entry.expandedCoverage = candidate.expandedCoverage ?? candidate.coverage ?? null
        entry.titleMatch = candidate.titleMatch ?? false
      }
    })
  }
  add(fullText, weights.fullText, 'fullText')
  add(vector, weights.vector, 'vector')
  return [...fused.values()].sort((a, b) => b.score - a.score)
}
