import type { Block } from '../../packages/payload-retrieval/src/text/lexicalToBlocks'

import { describe, expect, it } from 'vitest'

import { chunkBlocks, embeddingText } from '../../packages/payload-retrieval/src/text/chunkBlocks'

const options = { maxChars: 300, overlapChars: 80 }
const heading = (level: number, text: string): Block => ({ kind: 'heading', level, text })
const para = (text: string): Block => ({ kind: 'text', text })
const sentence = (topic: string, n: number) => `${topic} sentence number ${n} explains one more detail of the work.`
const paragraphOf = (topic: string, count: number) =>
  Array.from({ length: count }, (_, i) => sentence(topic, i + 1)).join(' ')

describe('chunkBlocks', () => {
  it('gives each chunk its heading path and never crosses a heading', () => {
    const chunks = chunkBlocks(
      [
        para('Intro text.'),
        heading(2, 'Setup'),
        para('Install it.'),
        heading(3, 'On Linux'),
        para('Use apt.'),
        heading(2, 'Usage'),
        para('Run it.'),
      ],
      'Guide',
      options,
    )
    expect(chunks.map(({ heading, text }) => [heading, text])).toEqual([
      ['', 'Intro text.'],
      ['Setup', 'Install it.'],
      ['Setup › On Linux', 'Use apt.'],
      ['Usage', 'Run it.'],
    ])
    expect(chunks.map((chunk) => chunk.index)).toEqual([0, 1, 2, 3])
    expect(embeddingText('Guide', chunks[2])).toBe('Guide\nSetup › On Linux\nUse apt.')
  })

  it('packs paragraphs up to the size limit, splits long ones at sentences, and overlaps continuations', () => {
    const long = paragraphOf('Long', 12)
    const chunks = chunkBlocks([heading(2, 'Body'), para('Short one.'), para('Short two.'), para(long)], 'Doc', options)
    expect(chunks[0].text).toBe('Short one.\n\nShort two.')
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(options.maxChars)
    const pieces = chunks.slice(1)
    expect(pieces.length).toBeGreaterThan(2)
    for (let i = 1; i < pieces.length; i++) {
      const previousLast = pieces[i - 1].text.split(/(?<=\.)\s+/).at(-1)!
      expect(pieces[i].text.startsWith(previousLast)).toBe(true)
    }
    const joined = pieces.map((piece) => piece.text).join(' ')
    for (let n = 1; n <= 12; n++) expect(joined).toContain(sentence('Long', n))
  })

  it('changes only the chunk holding an edited paragraph', () => {
    const sections = (edited: string) =>
      Array.from({ length: 10 }, (_, i) => [
        heading(2, `Part ${i + 1}`),
        para(i === 4 ? edited : paragraphOf(`Part ${i + 1}`, 3)),
      ]).flat()
    const before = chunkBlocks(sections(paragraphOf('Part 5', 3)), 'Post', options)
    const after = chunkBlocks(sections(`${paragraphOf('Part 5', 2)} A rewritten closing sentence.`), 'Post', options)
    expect(after).toHaveLength(before.length)
    const changed = after.filter((chunk, i) => chunk.hash !== before[i].hash)
    expect(changed.map((chunk) => chunk.heading)).toEqual(['Part 5'])
  })

  it('hashes the title in, so a new title re-embeds every chunk', () => {
    const blocks = [para('Same text.')]
    expect(chunkBlocks(blocks, 'Old title', options)[0].hash).not.toBe(
      chunkBlocks(blocks, 'New title', options)[0].hash,
    )
  })
})
