/** The chat's three bands, from the signals search gives each hit. */
import { describe, expect, it } from 'vitest'

import type { SearchHit } from '../../src/plugins/retrieval'

import { selectSources } from '../../src/plugins/chat/answer/selectSources'

const retrieval = { maxSources: 2, maxSuggestions: 2, minCoverage: 0.5, minExpandedCoverage: 0.3, minSimilarity: 0.5 }
const hit = (title: string, signals: Partial<SearchHit>): SearchHit =>
  ({ collection: 'projects', coverage: 0, expandedCoverage: 0, heading: '', id: title, score: 1, similarity: null, snippet: '', text: title, title, titleMatch: false, url: `/projects/${title}`, ...signals }) as SearchHit

describe('confidence bands', () => {
  it('answers (high) from the hits that cover the question, a title match, or a close meaning, best first and at most maxSources', () => {
    const hits = [hit('a', { coverage: 0.2, expandedCoverage: 0.9 }), hit('b', { coverage: 0.6 }), hit('c', { titleMatch: true }), hit('d', { similarity: 0.7 }), hit('e', { coverage: 1 })]
    const { confidence, sources } = selectSources(hits, retrieval)
    expect(confidence).toBe('high')
    // The expanded-only hit "a" does not become a source of an answer, even ranked first.
    expect(sources.map((source) => [source.title, source.index])).toEqual([['b', 1], ['c', 2]])
  })

  it('offers the close pages (middle) when only stand-ins for the question words match well enough', () => {
    const hits = [hit('a', { coverage: 0.2, expandedCoverage: 0.45 }), hit('b', { coverage: 0, expandedCoverage: 0.1 }), hit('c', { coverage: 0.1, expandedCoverage: 0.3 }), hit('d', { expandedCoverage: 0.8 })]
    const { confidence, sources } = selectSources(hits, retrieval)
    expect(confidence).toBe('middle')
    expect(sources.map((source) => source.title)).toEqual(['a', 'c'])
  })

  it('says it does not know (low) when nothing comes close, with no sources', () => {
    expect(selectSources([hit('a', { coverage: 0.25, expandedCoverage: 0.29 })], retrieval)).toEqual({ confidence: 'low', sources: [] })
    expect(selectSources([], retrieval)).toEqual({ confidence: 'low', sources: [] })
  })

  it('falls back to coverage for hits without an expanded figure (no expansion configured)', () => {
    expect(selectSources([hit('a', { coverage: 0.35, expandedCoverage: null })], retrieval).confidence).toBe('middle')
  })
})
