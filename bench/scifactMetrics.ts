/** SciFact's relevance judgements and the two measures BEIR reports from them, shared by bench:scifact and bench:search. */
import fs from 'node:fs'
import path from 'node:path'

/** Graded relevance by query id, then document id, from `qrels/test.tsv` in the dataset's folder. */
export function loadQrels(dataDir: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>()
  for (const line of fs
    .readFileSync(path.join(dataDir, 'qrels', 'test.tsv'), 'utf8')
    .split('\n')
    .slice(1)) {
    const [query, doc, score] = line.split('\t')
    if (!query || !doc) continue
    if (!qrels.has(query)) qrels.set(query, new Map())
    qrels.get(query)!.set(doc, Number(score))
  }
  return qrels
}

/** nDCG@k with graded relevance, as BEIR (pytrec_eval) computes it. */
export function ndcg(ranked: string[], relevant: Map<string, number>, k: number): number {
  const dcg = ranked
    .slice(0, k)
    .reduce((sum, doc, i) => sum + ((relevant.get(doc) ?? 0) > 0 ? relevant.get(doc)! / Math.log2(i + 2) : 0), 0)
  const ideal = [...relevant.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, rel, i) => sum + rel / Math.log2(i + 2), 0)
  return ideal > 0 ? dcg / ideal : 0
}

export const recall = (ranked: string[], relevant: Map<string, number>, k: number) =>
  ranked.slice(0, k).filter((doc) => (relevant.get(doc) ?? 0) > 0).length /
  [...relevant.values()].filter((rel) => rel > 0).length

export type Quality = { ndcg10: number; recall100?: number }

/**
 * Mean nDCG@10 over the queries, from the documents `top10` ranks, and mean recall@100 from those
 * `top100` ranks, when the method can rank that many.
 */
export async function meanQuality(
  queries: { _id: string; text: string }[],
  qrels: Map<string, Map<string, number>>,
  top10: (text: string) => Promise<string[]>,
  top100?: (text: string) => Promise<string[]>,
  onQuery: () => void = () => {},
): Promise<Quality> {
  let ndcgSum = 0
  let recallSum = 0
  for (const query of queries) {
    const relevant = qrels.get(query._id)!
    ndcgSum += ndcg(await top10(query.text), relevant, 10)
    if (top100) recallSum += recall(await top100(query.text), relevant, 100)
    onQuery()
  }
  return { ndcg10: ndcgSum / queries.length, ...(top100 ? { recall100: recallSum / queries.length } : {}) }
}
