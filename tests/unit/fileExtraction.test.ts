/**
 * The retrieval plugin's file readers, on real files made here: a PDF's text by page, with the page
 * and time limits; Word and Markdown by heading; and, for each kind of file with no readable text,
 * the reason an editor will see.
 */
import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

import { extractFile } from '../../packages/payload-retrieval/src/files/extractFile'
import { UnreadableFileError } from '../../packages/payload-retrieval/src/files/unreadableFile'
import { chunkBlocks, chunkHash } from '../../packages/payload-retrieval/src/text/chunkBlocks'
import { docxType, docxWithSections, pdfType, pdfWithPages } from '../helpers/documentFiles'

const limits = { maxBytes: 10 * 1024 * 1024, maxMemoryMb: 512, maxPages: 100, timeoutMs: 60_000 }
const pdf = { filename: 'file.pdf', mimeType: pdfType }

const reasonFor = async (data: Uint8Array, file = pdf, options = limits) => {
  const error = await extractFile(data, file, options).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(UnreadableFileError)
  return (error as Error).message
}

describe('a PDF', () => {
  it('is read page by page', async () => {
    const data = await pdfWithPages(['First page text.', 'Second page text.', 'Third page text.'])
    const { blocks, note, pages } = await extractFile(data, pdf, limits)
    expect(pages).toBe(3)
    expect(note).toBeUndefined()
    expect(blocks).toEqual([
      { kind: 'text', page: 1, text: 'First page text.' },
      { kind: 'text', page: 2, text: 'Second page text.' },
      { kind: 'text', page: 3, text: 'Third page text.' },
    ])
  })

  it('stops at the page limit and says so', async () => {
    const data = await pdfWithPages(['One.', 'Two.', 'Three.'])
    const { blocks, note } = await extractFile(data, pdf, { ...limits, maxPages: 2 })
    expect(blocks.map((block) => block.text)).toEqual(['One.', 'Two.'])
    expect(note).toBe('Only the first 2 of 3 pages are indexed (the page limit).')
  })

  it('stops at the time limit, keeping what it read, and says so', async () => {
    const data = await pdfWithPages(Array.from({ length: 300 }, (_, i) => `Page ${i + 1}.`))
    const { blocks, note } = await extractFile(data, pdf, { ...limits, timeoutMs: 1 })
    expect(note).toMatch(
      /^Reading stopped after 1 ms \(the time limit\)(, before the first page|: pages \d+–300 are not indexed)\.$/,
    )
    expect(blocks.length).toBeLessThan(300)
    expect(blocks.every((block, i) => block.kind === 'text' && block.page === i + 1)).toBe(true)
  })

  it('that needs more memory than the limit is unreadable, and the process is unharmed', async () => {
    const data = await pdfWithPages(['Small, but pdf.js alone needs more than 8 MB of heap.'])
    expect(await reasonFor(data, pdf, { ...limits, maxMemoryMb: 8 })).toBe(
      'No readable text: reading the PDF needed more than 8 MB (the memory limit)',
    )
    const { blocks } = await extractFile(data, pdf, limits)
    expect(blocks).toHaveLength(1)
  })

  it.each([
    [
      'encrypted',
      () => pdfWithPages(['Secret'], 'hunter2'),
      'No readable text: the PDF is encrypted (password-protected)',
    ],
    [
      'truncated',
      async () => (await pdfWithPages(['Cut', 'off'])).subarray(0, 700),
      'No readable text: the PDF is damaged or truncated',
    ],
    [
      'only images (no text layer)',
      () => pdfWithPages(['', '']),
      'No readable text: the PDF has no text layer (scanned pages or images only)',
    ],
    [
      'not a PDF at all',
      async () => Buffer.from('plain words'),
      'No readable text: the file is not a PDF (it has no PDF header)',
    ],
  ])('that is %s has no readable text, and says why', async (_, make, reason) => {
    expect(await reasonFor(await make())).toBe(reason)
  })

  it('over the size limit is not read', async () => {
    const data = await pdfWithPages(['Big enough.'])
    expect(await reasonFor(data, pdf, { ...limits, maxBytes: 100 })).toMatch(
      /^No readable text: the file is \d+\.\d MB, more than the 0\.0 MB limit$/,
    )
  })
})

describe('a Word file', () => {
  it('keeps its headings', async () => {
    const data = await docxWithSections([
      { heading: 'Summary', paragraphs: ['Short & sweet <text>.'] },
      { heading: 'Details', paragraphs: ['First.', 'Second.'] },
    ])
    const { blocks } = await extractFile(data, { filename: 'a.docx', mimeType: docxType }, limits)
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Summary' },
      { kind: 'text', text: 'Short & sweet <text>.' },
      { kind: 'heading', level: 1, text: 'Details' },
      { kind: 'text', text: 'First.' },
      { kind: 'text', text: 'Second.' },
    ])
  })

  it('that is not a Word file says so', async () => {
    expect(await reasonFor(Buffer.from('not a zip'), { filename: 'a.docx', mimeType: docxType })).toMatch(
      /^No readable text: the Word file is damaged or not a \.docx file/,
    )
  })
})

describe('a Markdown file', () => {
  it('is read by heading, with the markup dropped', async () => {
    const markdown =
      '# Title\n\nSome *emphasis* and `code` and [a link](https://x.test).\n\n## Part\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
    const { blocks } = await extractFile(Buffer.from(markdown), { filename: 'n.md', mimeType: 'text/plain' }, limits)
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'text', text: 'Some emphasis and code and a link.' },
      { kind: 'heading', level: 2, text: 'Part' },
      { kind: 'text', text: 'one' },
      { kind: 'text', text: 'two' },
      { kind: 'text', text: 'a: 1; b: 2' },
    ])
  })

  it('with no text says so', async () => {
    expect(await reasonFor(Buffer.from('# Only a heading\n'), { filename: 'n.md', mimeType: 'text/markdown' })).toBe(
      'No readable text: the Markdown file holds no text',
    )
  })
})

describe('chunks of a file', () => {
  const options = { maxChars: 1200, overlapChars: 200 }

  it('never cross a page, and carry it', () => {
    const chunks = chunkBlocks(
      [
        { kind: 'text', text: 'From a field.' },
        { kind: 'text', page: 1, text: 'Page one.' },
        { kind: 'heading', level: 1, text: 'Part' },
        { kind: 'text', page: 1, text: 'Still page one.' },
        { kind: 'text', page: 2, text: 'Page two.' },
      ],
      'Doc',
      options,
    )
    expect(chunks.map(({ heading, page, text }) => ({ heading, page, text }))).toEqual([
      { heading: '', page: undefined, text: 'From a field.' },
      { heading: '', page: 1, text: 'Page one.' },
      { heading: 'Part', page: 1, text: 'Still page one.' },
      { heading: 'Part', page: 2, text: 'Page two.' },
    ])
  })

  it('hash the page too, while chunks of fields keep the hashes they had before pages existed', () => {
    const before = crypto.createHash('sha256').update('Doc\u0000\u0000Same text.').digest('hex')
    expect(chunkHash('Doc', '', 'Same text.')).toBe(before)
    expect(chunkHash('Doc', '', 'Same text.', 1)).not.toBe(chunkHash('Doc', '', 'Same text.', 2))
  })
})

describe('a process whose prototypes were extended', () => {
  it('still reads PDFs (drizzle-kit adds an enumerable Array.prototype.random, which pdf.js refuses in its realm)', async () => {
    const prototype = Array.prototype as unknown as Record<string, unknown>
    prototype.pickOne = function pickOne(this: unknown[]) {
      return this[0]
    }
    try {
      const { blocks } = await extractFile(await pdfWithPages(['Still readable.']), pdf, limits)
      expect(blocks.map((block) => block.text)).toEqual(['Still readable.'])
      // Read in a worker thread, whose realm is fresh: nothing here was touched.
      expect(Object.prototype.propertyIsEnumerable.call(Array.prototype, 'pickOne')).toBe(true)
    } finally {
      delete prototype.pickOne
    }
  })
})

describe('the PDF worker under tsx', () => {
  it('runs there too (the scripts, the seed and `npm run worker` use tsx), without falling back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'askfolio-pdf-worker-'))
    const script = path.join(dir, 'read.mts')
    const from = (file: string) => JSON.stringify(path.resolve(file))
    fs.writeFileSync(
      script,
      `import { extractFile } from ${from('packages/payload-retrieval/src/files/extractFile.ts')}
import { pdfWithPages } from ${from('tests/helpers/documentFiles.ts')}
const warnings: string[] = []
const limits = { maxBytes: 1e8, maxMemoryMb: 512, maxPages: 10, timeoutMs: 60_000 }
const file = { filename: 'a.pdf', mimeType: 'application/pdf' }
const { blocks } = await extractFile(await pdfWithPages(['Under tsx.']), file, limits, { warn: (m) => warnings.push(m) })
console.log(JSON.stringify({ texts: blocks.map((block) => block.text), warnings }))
`,
    )
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--conditions=development', '--import', 'tsx', script],
        {
          cwd: process.cwd(),
        },
      )
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ texts: ['Under tsx.'], warnings: [] })
    } finally {
      fs.rmSync(dir, { force: true, recursive: true })
    }
  })
})

describe('a process where the PDF worker cannot find unpdf', () => {
  it('reads PDFs in its own thread, with the same results, and says so once', async () => {
    const warnings: string[] = []
    const logger = { warn: (message: string) => warnings.push(message) }
    const here = process.cwd()
    // From /, the worker resolves `unpdf` from a folder with no node_modules.
    process.chdir('/')
    // pdf.js now runs in this realm: an enumerable prototype property (drizzle-kit's) must not stop it.
    const prototype = Array.prototype as unknown as Record<string, unknown>
    prototype.pickOne = function pickOne(this: unknown[]) {
      return this[0]
    }
    try {
      const data = await pdfWithPages(['One.', 'Two.'])
      for (let i = 0; i < 2; i++) {
        const { blocks } = await extractFile(data, pdf, limits, logger)
        expect(blocks.map((block) => [block.kind === 'text' ? block.page : null, block.text])).toEqual([
          [1, 'One.'],
          [2, 'Two.'],
        ])
      }
      expect(await reasonFor(await pdfWithPages(['Secret'], 'hunter2'))).toMatch(/encrypted/)
      // The property is still there and works; it is only no longer enumerable.
      expect((['a', 'b'] as unknown as { pickOne: () => string }).pickOne()).toBe('a')
      expect(Object.prototype.propertyIsEnumerable.call(Array.prototype, 'pickOne')).toBe(false)
    } finally {
      process.chdir(here)
      delete prototype.pickOne
    }
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^Reading PDFs in this thread: a worker thread could not read them \(Cannot find package 'unpdf'/,
    )
  })
})
