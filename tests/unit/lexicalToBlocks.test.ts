import { describe, expect, it } from 'vitest'

import { lexicalToBlocks } from '../../packages/payload-retrieval/src/text/lexicalToBlocks'

const text = (value: string) => ({ text: value, type: 'text' })
const paragraph = (...children: object[]) => ({ children, type: 'paragraph' })
const root = (...children: object[]) => ({ root: { children, type: 'root' } })

describe('lexicalToBlocks', () => {
  it('keeps headings, paragraphs with links, nested and numbered lists, quotes and code', () => {
    const state = root(
      { children: [text('Design')], tag: 'h2', type: 'heading' },
      paragraph(
        text('See '),
        { children: [text('the docs')], fields: { url: 'https://example.com/docs' }, type: 'link' },
        text(' first.'),
      ),
      {
        children: [
          { children: [text('Plan')], type: 'listitem' },
          {
            children: [
              text('Build'),
              { children: [{ children: [text('tests first')], type: 'listitem' }], listType: 'bullet', type: 'list' },
            ],
            type: 'listitem',
          },
        ],
        listType: 'number',
        type: 'list',
      },
      { children: [text('Measure twice.')], type: 'quote' },
      { fields: { blockType: 'Code', code: 'select 1;', language: 'sql' }, type: 'block' },
      paragraph(text('Line one'), { type: 'linebreak' }, text('line two')),
      paragraph(),
    )
    expect(lexicalToBlocks(state)).toEqual([
      { kind: 'heading', level: 2, text: 'Design' },
      { kind: 'text', text: 'See [the docs](https://example.com/docs) first.' },
      { kind: 'text', text: '1. Plan\n2. Build\n  - tests first' },
      { kind: 'text', text: '> Measure twice.' },
      { kind: 'text', text: '```sql\nselect 1;\n```' },
      { kind: 'text', text: 'Line one\nline two' },
    ])
  })

  it('returns nothing for empty or missing rich text', () => {
    expect(lexicalToBlocks(null)).toEqual([])
    expect(lexicalToBlocks(root())).toEqual([])
  })
})
