/**
 * A question's frame words ("have you *built anything* for…") dropped from the full-text query, and the
 * query's distinct words, the candidates for expansion.
 */
import { describe, expect, it } from 'vitest'

import {
  questionFrameWords,
  queryWords,
  withoutFrameWords,
} from '../../packages/payload-retrieval/src/expansion/frameWords'

const frame = new Set(questionFrameWords)

describe('withoutFrameWords', () => {
  it('drops frame words whatever their case, and keeps the other words', () => {
    expect(withoutFrameWords('Have you built anything for hospitals?', frame)).toBe('Have you for hospitals?')
    expect(withoutFrameWords('Have you BUILT Anything for Hospitals?', frame)).toBe('Have you for Hospitals?')
    expect(withoutFrameWords('Which tools did you make for people who plan shifts', frame)).toBe(
      'Which you for who plan shifts',
    )
  })

  it('keeps numbers and words separated by punctuation', () => {
    expect(withoutFrameWords('Did you make 3 apps for clinics/hospitals in 2020?', frame)).toBe(
      'you 3 for clinics/hospitals in 2020?',
    )
    expect(withoutFrameWords("Any e-commerce work with people's data?", frame)).toBe(
      "Any e-commerce with people's data?",
    )
    // A number alone is something to search for.
    expect(withoutFrameWords('Did you make 3?', frame)).toBe('you 3?')
  })

  it('closes the gaps the dropped words leave, and trims', () => {
    expect(withoutFrameWords('  make   the Hospital  ', frame)).toBe('the Hospital')
  })

  it('returns the query unchanged when only frame and stop words would be left', () => {
    expect(withoutFrameWords('What did you make?', frame)).toBe('What did you make?')
    expect(withoutFrameWords('Have you  built anything?', frame)).toBe('Have you  built anything?')
    expect(withoutFrameWords('Would you tell me about it', frame)).toBe('Would you tell me about it')
    expect(withoutFrameWords('built', frame)).toBe('built')
    expect(withoutFrameWords('?!', frame)).toBe('?!')
    expect(withoutFrameWords('', frame)).toBe('')
  })

  it('drops only the words of the set it is given, and nothing with an empty set', () => {
    expect(withoutFrameWords('Have you built anything for hospitals?', new Set(['hospitals']))).toBe(
      'Have you built anything for ?',
    )
    expect(withoutFrameWords('Have you  built anything for  hospitals?', new Set())).toBe(
      'Have you  built anything for  hospitals?',
    )
  })
})

describe('queryWords', () => {
  it('lowercases and de-duplicates, in order of first appearance', () => {
    expect(queryWords('Hospital scheduling for HOSPITAL and hospitals; Scheduling!')).toEqual([
      'hospital',
      'scheduling',
      'for',
      'and',
      'hospitals',
    ])
  })

  it('takes letters and digits of any script, keeps an apostrophe ending, and splits at other punctuation', () => {
    expect(queryWords("Don't e-commerce Café 2020 people's, x/y")).toEqual([
      "don't",
      'e',
      'commerce',
      'café',
      '2020',
      "people's",
      'x',
      'y',
    ])
    expect(queryWords('?! -- ...')).toEqual([])
    expect(queryWords('')).toEqual([])
  })
})
