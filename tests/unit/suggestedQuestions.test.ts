/** The portfolio's own wording of suggested questions, per kind of page (the chat checks each one). */
import { describe, expect, it } from 'vitest'

import { defaultQuestions } from '../../packages/payload-chat/src/suggestions/defaultQuestions'
import { suggestedQuestions } from '../../src/config/suggestedQuestions'

const page = (collection: string, title: string, kind: 'collection' | 'global' = 'collection') => ({
  collection,
  headings: [],
  id: '1',
  kind,
  title,
  url: '/',
})

describe('suggested questions for a page', () => {
  it('asks about the person on the profile, not about its page title', () => {
    expect(suggestedQuestions(page('profile', 'About Maya Lindqvist', 'global'))).toEqual([
      'Who is Maya Lindqvist?',
      'What does Maya Lindqvist work on?',
    ])
  })

  it('words each collection for what it holds, and has nothing for one it does not know', () => {
    expect(suggestedQuestions(page('projects', 'Tidewater'))[0]).toBe('What was Tidewater built with?')
    expect(suggestedQuestions(page('skills', 'Rust'))[0]).toBe('Which projects use Rust?')
    expect(suggestedQuestions(page('blog-posts', 'On logs'))).toEqual(['What is the post “On logs” about?'])
    expect(suggestedQuestions(page('faq', 'Where is Maya based?'))).toEqual([])
  })
})

describe('the chat’s own suggested questions', () => {
  it('ask what a page is and what it says under its headings, and a question title as it stands', () => {
    expect(defaultQuestions({ ...page('projects', 'Tidewater'), headings: ['Lessons learned', 'API design'] })).toEqual(
      [
        'What is Tidewater?',
        'What does Tidewater say about lessons learned?',
        'What does Tidewater say about API design?',
      ],
    )
    expect(defaultQuestions(page('faq', 'Where is Maya based?'))).toEqual(['Where is Maya based?'])
  })
})
