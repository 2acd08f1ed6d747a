import type { SearchHit } from '@askfolio/payload-retrieval'

/** Citation links: on PUBLIC_URL or as paths, and what the insights are willing to link to. */
import { describe, expect, it } from 'vitest'

import { selectSources } from '../../packages/payload-chat/src/answer/selectSources'
import { linkableUrl } from '../../packages/payload-chat/src/insights/linkableUrl'

const hit = {
  collection: 'projects',
  coverage: 1,
  heading: '',
  id: '1',
  score: 1,
  snippet: '',
  text: 'Tidewater',
  title: 'Tidewater',
  titleMatch: true,
  url: '/projects/tidewater',
} as SearchHit
const retrieval = {
  maxSources: 4,
  maxSuggestions: 3,
  minCoverage: 0.5,
  minExpandedCoverage: 0.3,
  minSimilarity: 0.5,
  minTitleCoverage: 0.35,
}

describe('citation links', () => {
  it('are absolute on the public origin, and paths without one', () => {
    expect(selectSources([hit], retrieval, 'https://portfolio.example.com').sources[0].url).toBe(
      'https://portfolio.example.com/projects/tidewater',
    )
    expect(selectSources([hit], retrieval).sources[0].url).toBe('/projects/tidewater')
  })

  it('reach the insights only when http(s) or a path on the site', () => {
    expect(linkableUrl('https://portfolio.example.com/projects/tidewater')).toBe(
      'https://portfolio.example.com/projects/tidewater',
    )
    expect(linkableUrl('/projects/tidewater')).toBe('/projects/tidewater')
    for (const url of [
      'javascript://evil.example/%0aalert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>',
      '//evil.example/x',
      '/\\evil.example/x',
      'not a url',
      '',
      null,
    ]) {
      expect(linkableUrl(url), String(url)).toBe('')
    }
  })
})
