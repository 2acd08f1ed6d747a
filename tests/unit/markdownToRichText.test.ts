import { expect, it } from 'vitest'

import { unwrapParagraphs } from '../../src/seed/markdownToRichText'

it('joins hard-wrapped paragraph lines but keeps lists, headings and code', () => {
  const markdown = [
    'First line of a paragraph',
    'continues here.',
    '',
    '## Heading',
    '- item one',
    '- item two',
    '',
    '```ts',
    'const a = 1',
    'const b = 2',
    '```',
  ].join('\n')
  expect(unwrapParagraphs(markdown).split('\n')).toEqual([
    'First line of a paragraph continues here.',
    '',
    '## Heading',
    '- item one',
    '- item two',
    '',
    '```ts',
    'const a = 1',
    'const b = 2',
    '```',
  ])
})
