import type { SearchHit } from '@askfolio/payload-retrieval'

import { createExtractiveChatModel } from '@askfolio/payload-chat'
/** The chat's three bands, from the signals search gives each hit, and what it says when it does not answer. */
import { describe, expect, it } from 'vitest'

import { unansweredText, unsureText } from '../../packages/payload-chat/src/answer/answerQuestion'
import { selectSources } from '../../packages/payload-chat/src/answer/selectSources'
import { resolveChatOptions } from '../../packages/payload-chat/src/context'

const retrieval = {
  maxSources: 2,
  maxSuggestions: 2,
  minCoverage: 0.5,
  minExpandedCoverage: 0.3,
  minSimilarity: 0.5,
  minTitleCoverage: 0.35,
}
const hit = (title: string, signals: Partial<SearchHit>): SearchHit =>
  ({
    collection: 'projects',
    coverage: 0,
    expandedCoverage: 0,
    heading: '',
    id: title,
    score: 1,
    similarity: null,
    snippet: '',
    text: title,
    title,
    titleMatch: false,
    url: `/projects/${title}`,
    ...signals,
  }) as SearchHit

describe('confidence bands', () => {
  it('answers (high) when the best hit covers the question, and cites the relevant hits, at most maxSources', () => {
    const hits = [
      hit('a', { coverage: 0.6 }),
      hit('b', { coverage: 0.2, expandedCoverage: 0.9 }),
      hit('c', { coverage: 0.4, titleMatch: true }),
      hit('d', { similarity: 0.7 }),
      hit('e', { coverage: 1 }),
    ]
    const { confidence, sources } = selectSources(hits, retrieval)
    expect(confidence).toBe('high')
    // "b" matched only through stand-ins for the question's words: never the source of an answer.
    expect(sources.map((source) => [source.title, source.index])).toEqual([
      ['a', 1],
      ['c', 2],
    ])
  })

  it('counts a title or heading match only with enough of the question covered', () => {
    expect(selectSources([hit('a', { coverage: 0.35, titleMatch: true })], retrieval).confidence).toBe('high')
    expect(
      selectSources([hit('a', { coverage: 0.3, expandedCoverage: 0.3, titleMatch: true })], retrieval).confidence,
    ).toBe('middle')
    expect(selectSources([hit('a', { coverage: 0.45 })], retrieval).confidence).toBe('middle')
  })

  it('judges by the best hit: a relevant one ranked lower does not make an answer', () => {
    const { confidence, sources } = selectSources(
      [hit('a', { expandedCoverage: 0.4 }), hit('b', { coverage: 1 })],
      retrieval,
    )
    expect(confidence).toBe('middle')
    expect(sources.map((source) => source.title)).toEqual(['a', 'b'])
  })

  it('offers the close pages (middle) when only stand-ins for the question words match well enough', () => {
    const hits = [
      hit('a', { coverage: 0.2, expandedCoverage: 0.45 }),
      hit('b', { expandedCoverage: 0.1 }),
      hit('c', { coverage: 0.1, expandedCoverage: 0.3 }),
      hit('d', { expandedCoverage: 0.8 }),
    ]
    const { confidence, sources } = selectSources(hits, retrieval)
    expect(confidence).toBe('middle')
    expect(sources.map((source) => [source.title, source.index])).toEqual([
      ['a', 1],
      ['c', 2],
    ])
  })

  it('says it does not know (low) when nothing comes close, with no sources', () => {
    expect(selectSources([hit('a', { coverage: 0.25, expandedCoverage: 0.29 })], retrieval)).toEqual({
      confidence: 'low',
      sources: [],
    })
    expect(selectSources([], retrieval)).toEqual({ confidence: 'low', sources: [] })
  })

  it('falls back to coverage for hits without an expanded figure (no expansion configured)', () => {
    expect(selectSources([hit('a', { coverage: 0.35, expandedCoverage: null })], retrieval).confidence).toBe('middle')
  })

  it('says what the site wants said without an answer, the site and the offered pages filled in', () => {
    const defaults = resolveChatOptions({
      access: { read: () => false },
      model: createExtractiveChatModel(),
      siteName: "Maya's portfolio",
    })
    expect(unansweredText(defaults)).toBe("I don't know: I couldn't find anything about that on Maya's portfolio.")
    const { sources } = selectSources(
      [hit('Rota $1 & co', { expandedCoverage: 0.4 }), hit('Clinic', { expandedCoverage: 0.35 })],
      retrieval,
    )
    expect(unsureText(defaults, sources)).toBe(
      "I'm not sure Maya's portfolio answers that. These pages come closest: Rota $1 & co [1], Clinic [2].",
    )
    const own = resolveChatOptions({
      access: { read: () => false },
      model: createExtractiveChatModel(),
      texts: { unanswered: 'Nothing on {site} about that.', unsure: 'Maybe {pages}? ({site})' },
    })
    expect(unansweredText(own)).toBe('Nothing on this site about that.')
    expect(unsureText(own, sources)).toBe('Maybe Rota $1 & co [1], Clinic [2]? (this site)')
  })
})
