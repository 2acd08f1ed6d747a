import type { RetrievalContext } from '../../packages/payload-retrieval/src/context'

/**
 * Query expansion on the seeded site, through the real search path (WordNet and the GloVe table):
 * a visitor's word the site never uses finds the page through a stand-in, a word the site holds is
 * never expanded, stand-ins never reach what a visitor may not read, and the question's frame words
 * do not pick pages.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { getRetrievalContext } from '../../packages/payload-retrieval/src/context'
import { searchIndex } from '../../packages/payload-retrieval/src/search/searchIndex'
import { createWordFrequencyCache } from '../../packages/payload-retrieval/src/search/wordFrequencyCache'
import { databaseOf } from '../../packages/payload-retrieval/src/store/database'
import { readWordFrequencies } from '../../packages/payload-retrieval/src/store/readWordFrequencies'
import { useApiTest } from '../helpers/apiTest'
import { runIndexingJobs } from '../helpers/indexingJobs'

const test = useApiTest()
let context: RetrievalContext
beforeAll(async () => {
  await runIndexingJobs(test.payload)
  context = getRetrievalContext(test.payload)
})

type Expanded = Array<{ for: string; weight: number; word: string }>
const search = async (query: string, using: RetrievalContext = context) => {
  let expanded: Expanded = []
  const hits = await searchIndex(test.payload, using, query, { limit: 5, onExpanded: (used) => (expanded = used) })
  return { expanded, hits, titles: hits.map((hit) => hit.title) }
}

describe('query expansion', () => {
  it('finds a page through stand-ins for words the site never uses, below the weight of its own words', async () => {
    // Ledgerline is "double-entry bookkeeping … an append-only ledger"; "accounting" is nowhere on the site.
    const { expanded, hits, titles } = await search('accounting software')
    expect(titles[0]).toBe('Ledgerline')
    const standIns = expanded.filter((entry) => entry.for === 'accounting')
    expect(standIns.map((entry) => entry.word)).toEqual(expect.arrayContaining(['bookkeeping']))
    for (const entry of standIns) expect(entry.weight).toBeLessThan(1)
    // Matched only through a stand-in: the page does not cover the question's own words, and says so.
    expect(hits[0].coverage).toBeLessThan(hits[0].expandedCoverage!)
    // The snippet marks the stand-ins that matched, since the question's own word is not there.
    expect(hits[0].snippet).toMatch(/<mark>\w+<\/mark>/)
    expect(hits[0].snippet).not.toMatch(/accounting/i)

    // Without expansion nothing stands in: the expanded coverage is the plain one.
    expect((await search('accounting software', { ...context, expansion: undefined })).hits[0].expandedCoverage).toBe(
      (await search('accounting software', { ...context, expansion: undefined })).hits[0].coverage,
    )
  })

  it('never expands a word the site holds, and gives the same results as without expansion for such a query', async () => {
    for (const query of ['zero downtime migrations', 'idempotent webhooks retries', 'PostgreSQL indexes']) {
      const on = await search(query)
      expect(on.expanded, query).toEqual([])
      const off = await search(query, { ...context, expansion: undefined })
      expect(
        on.hits.map((hit) => [hit.chunkId, hit.score]),
        query,
      ).toEqual(off.hits.map((hit) => [hit.chunkId, hit.score]))
    }
  })

  it('combines the stand-ins of one word by their best match (max), so two of them do not outweigh the word itself', async () => {
    // "ledger" is the site's own word: a page holding it must outrank one reached by stand-ins only.
    const { hits } = await search('ledger accounting')
    expect(hits[0].title).toBe('Ledgerline')
    expect(hits[0].coverage).toBeGreaterThan(0)
    for (const hit of hits) expect(hit.expandedCoverage!).toBeLessThanOrEqual(1 + 1e-9)
  })

  it('reaches only what visitors may read: no draft, private field or account through a stand-in', async () => {
    // The seeded drafts describe a marina booking system and a dataset; visitors ask in their own words.
    for (const query of [
      'software for sailors and yachts',
      'harbour moorings',
      'secret unannounced animal dataset',
      'administrator password',
    ]) {
      const { hits } = await search(query)
      const text = JSON.stringify(hits)
      for (const secret of [
        'Harbourmaster',
        'BLUE HERON',
        'PURPLE OTTER',
        'NDA',
        'askfolio-admin',
        'admin@example.com',
      ])
        expect(text, query).not.toContain(secret)
      for (const hit of hits)
        expect(['projects', 'blog-posts', 'documents', 'skills', 'profile'], query).toContain(hit.collection)
    }
  })

  it('drops the question frame, so "built" or "tools" do not pick pages, but keeps a query made of them alone', async () => {
    const framed = await search('Have you built any tools for accounting?')
    const plain = await search('accounting')
    expect(framed.hits.map((hit) => hit.chunkId)).toEqual(plain.hits.map((hit) => hit.chunkId))
    // Nothing left but the frame: searched as asked rather than with nothing.
    expect((await search('What have you built?')).hits.length).toBeGreaterThan(0)
  })

  it("remembers the words' frequencies for the gate a short while, then reads them again", async () => {
    let now = 0
    const cache = createWordFrequencyCache({ maxAge: 1000, now: () => now })
    const db = databaseOf(test.payload)
    const words = ['zeppelins', 'ledger']
    const before = await cache.read(db, words, 'english')
    expect(before).toEqual(await readWordFrequencies(db, words, 'english'))
    expect(before.find((entry) => entry.word === 'zeppelins')!.df).toBe(0)

    const project = await test.payload.create({
      collection: 'projects',
      data: { _status: 'published', summary: 'Route planning for zeppelins.', title: 'Airship routes' },
      overrideAccess: true,
    })
    try {
      await runIndexingJobs(test.payload)
      expect((await readWordFrequencies(db, ['zeppelins'], 'english'))[0].df).toBe(1)
      now = 900 // still fresh: the gate sees the frequency it read
      expect((await cache.read(db, words, 'english')).find((entry) => entry.word === 'zeppelins')!.df).toBe(0)
      now = 1100 // stale: read again, in the query's order
      const after = await cache.read(db, words, 'english')
      expect(after.map((entry) => [entry.word, entry.df])).toEqual([
        ['zeppelins', 1],
        ['ledger', before[1].df],
      ])
    } finally {
      await test.payload.delete({ collection: 'projects', id: project.id, overrideAccess: true })
      await runIndexingJobs(test.payload)
    }
  })
})
