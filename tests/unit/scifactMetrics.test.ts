import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { loadQrels, meanQuality, ndcg, recall } from '../../bench/scifactMetrics'

const graded = (entries: Record<string, number>) => new Map(Object.entries(entries))

describe('SciFact measures (BEIR: trec_eval gains, document level)', () => {
  it('nDCG@k discounts a relevant document by its rank and scales by the ideal order', () => {
    expect(ndcg(['d1'], graded({ d1: 1 }), 10)).toBe(1)
    expect(ndcg(['x', 'd1'], graded({ d1: 1 }), 10)).toBeCloseTo(1 / Math.log2(3))
    // Graded: the gain is the grade itself; b (1) before a (2) against the ideal a, b.
    expect(ndcg(['b', 'a'], graded({ a: 2, b: 1 }), 10)).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)))
  })

  it('nDCG@k counts nothing past rank k, and nothing for judged-irrelevant documents', () => {
    const ranked = [...Array.from({ length: 10 }, (_, i) => `x${i}`), 'd1']
    expect(ndcg(ranked, graded({ d1: 1 }), 10)).toBe(0)
    expect(ndcg(['zero', 'd1'], graded({ d1: 1, zero: 0 }), 10)).toBeCloseTo(1 / Math.log2(3))
  })

  it('recall@k is the share of relevant documents in the first k', () => {
    expect(recall(['a', 'x', 'b'], graded({ a: 1, b: 1, c: 1, zero: 0 }), 2)).toBeCloseTo(1 / 3)
    expect(recall(['a', 'x', 'b'], graded({ a: 1, b: 1, c: 1, zero: 0 }), 100)).toBeCloseTo(2 / 3)
  })

  it('meanQuality averages over the queries, and leaves recall out for a method that cannot rank 100', async () => {
    const qrels = new Map([
      ['q1', graded({ a: 1 })],
      ['q2', graded({ b: 1 })],
    ])
    const queries = [
      { _id: 'q1', text: 'first' },
      { _id: 'q2', text: 'second' },
    ]
    const rankings: Record<string, string[]> = { first: ['a'], second: ['x', 'y'] }
    let seen = 0
    const both = await meanQuality(
      queries,
      qrels,
      async (text) => rankings[text],
      async (text) => [...rankings[text], 'b'],
      () => seen++,
    )
    expect(both).toEqual({ ndcg10: 0.5, recall100: 1 })
    expect(seen).toBe(2)
    expect(await meanQuality(queries, qrels, async (text) => rankings[text])).toEqual({ ndcg10: 0.5 })
  })

  it('loadQrels reads BEIR test.tsv (header skipped) into grades by query and document', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-qrels-'))
    try {
      fs.mkdirSync(path.join(dir, 'qrels'))
      fs.writeFileSync(
        path.join(dir, 'qrels', 'test.tsv'),
        'query-id\tcorpus-id\tscore\n1\t31715818\t1\n1\t4983\t2\n3\t14717500\t1\n',
      )
      const qrels = loadQrels(dir)
      expect([...qrels.keys()]).toEqual(['1', '3'])
      expect(qrels.get('1')).toEqual(graded({ 31715818: 1, 4983: 2 }))
    } finally {
      fs.rmSync(dir, { force: true, recursive: true })
    }
  })
})
