import type { Candidate } from '../../packages/payload-retrieval/src/search/fullTextCandidates'

import { describe, expect, it } from 'vitest'

import { fuseRankings } from '../../packages/payload-retrieval/src/search/fuseRankings'

const candidate = (id: number, document: string, score = 1): Candidate => ({ document, id, score })
const order = (fused: ReturnType<typeof fuseRankings>) => fused.map((entry) => entry.document)

describe('fuseRankings', () => {
  it('keeps the full-text order when the vector side has nothing', () => {
    const fullText = [candidate(1, 'a'), candidate(2, 'b'), candidate(3, 'c')]
    expect(order(fuseRankings(fullText, [], { fullText: 1, k: 10, vector: 0.1, vectorOnly: true }))).toEqual([
      'a',
      'b',
      'c',
    ])
  })

  it('ranks documents, not chunks: extra chunks of one document do not outvote a better one', () => {
    // Document "long" has three matching chunks, "short" one better chunk; the vector side agrees on "short" first.
    const fullText = [candidate(10, 'short'), candidate(20, 'long'), candidate(21, 'long'), candidate(22, 'long')]
    const vector = [candidate(10, 'short'), candidate(21, 'long'), candidate(22, 'long'), candidate(20, 'long')]
    const fused = fuseRankings(fullText, vector, { fullText: 1, k: 60, vector: 1, vectorOnly: true })
    expect(order(fused)).toEqual(['short', 'long'])
    expect(fused[0].score).toBeCloseTo(2 / 61)
    expect(fused[1].score).toBeCloseTo(2 / 62)
    // The document is represented by its best full-text chunk, and carries both raw scores.
    expect(fused[1].chunkId).toBe(20)
  })

  it('lets a document found by one side only in, below those both sides found', () => {
    const fused = fuseRankings(
      [candidate(1, 'a'), candidate(2, 'b')],
      [candidate(3, 'c', 0.9), candidate(1, 'a', 0.8)],
      { fullText: 1, k: 60, vector: 1, vectorOnly: true },
    )
    expect(order(fused)).toEqual(['a', 'c', 'b'])
    expect(fused.find((entry) => entry.document === 'c')).toMatchObject({ chunkId: 3, fullText: null, vector: 0.9 })
  })

  it('with a small vector weight, only reorders documents the full-text side finds close', () => {
    const fullText = ['a', 'b', 'c', 'd'].map((doc, i) => candidate(i, doc, 10 - i))
    const vector = [candidate(3, 'd')]
    // 0.1 / (10 + 1) is more than the gap between full-text ranks 3 and 4, less than between 2 and 4.
    expect(order(fuseRankings(fullText, vector, { fullText: 1, k: 10, vector: 0.1, vectorOnly: true }))).toEqual([
      'a',
      'b',
      'd',
      'c',
    ])
  })

  it('without vector-only documents, the vector side only reorders what full-text search found', () => {
    const fused = fuseRankings([candidate(1, 'a'), candidate(2, 'b')], [candidate(3, 'c'), candidate(2, 'b')], {
      fullText: 1,
      k: 1,
      vector: 1,
      vectorOnly: false,
    })
    expect(order(fused)).toEqual(['b', 'a'])
    expect(fuseRankings([], [candidate(3, 'c')], { fullText: 1, k: 1, vector: 1, vectorOnly: false })).toEqual([])
  })
})
