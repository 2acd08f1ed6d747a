import type { Block } from '../text/lexicalToBlocks'
import type { FileLimits, FileText } from './fileLimits'

import { UnreadableFileError } from './unreadableFile'

type TextItem = { hasEOL?: boolean; str?: string }

/** One page's text: pdf.js's items joined, a line break where the PDF ends a line, paragraphs at blank lines. */
function pageParagraphs(items: TextItem[]): string[] {
  let text = ''
  for (const item of items) text += (item.str ?? '') + (item.hasEOL ? '\n' : '')
  return text
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
}

/** What pdf.js's errors mean for an editor. */
function reasonOf(error: unknown): string {
  const name = (error as { name?: string }).name
  if (name === 'PasswordException') return 'the PDF is encrypted (password-protected)'
  if (name === 'InvalidPDFException') return 'the PDF is damaged or truncated'
  return `the PDF could not be read (${error instanceof Error ? error.message : String(error)})`
}

/**
 * pdf.js refuses to run while `Array.prototype` or `Object.prototype` has an enumerable property
 * (it would break its `for…in` loops). drizzle-kit, which Payload loads for a development `push`
 * and for `migrate:create`, adds `Array.prototype.random` that way, so every PDF would fail in such
 * a process. Making the added properties non-enumerable changes nothing else about them.
 */
function hideEnumerablePrototypeProperties(): void {
  for (const prototype of [Array.prototype, Object.prototype]) {
    for (const key in prototype) {
      if (Object.prototype.propertyIsEnumerable.call(prototype, key))
        Object.defineProperty(prototype, key, { enumerable: false })
    }
  }
}

/**
 * A PDF's text, page by page, with pdf.js (through unpdf, which bundles a server build of it).
 * Pages past `maxPages` are left out, and reading stops at `timeoutMs` (checked between pages);
 * either way the note says how far it got. A PDF with no text on any page has no text layer (a
 * scan): that is unreadable, as are encrypted and damaged files.
 */
export async function extractPdf(data: Uint8Array, limits: FileLimits): Promise<FileText> {
  if (!Buffer.from(data.subarray(0, 1024)).includes('%PDF-'))
    throw new UnreadableFileError('the file is not a PDF (it has no PDF header)')
  // unpdf is imported when a PDF is read, so hosts that index no files never load pdf.js.
  const { getDocumentProxy } = await import('unpdf')
  hideEnumerablePrototypeProperties()
  const started = Date.now()
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // pdf.js takes ownership of the buffer it is given: pass a copy.
    pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 })
  } catch (error) {
    throw new UnreadableFileError(reasonOf(error))
  }
  try {
    const pages = pdf.numPages
    const last = Math.min(pages, limits.maxPages)
    const blocks: Block[] = []
    let note: string | undefined
    for (let number = 1; number <= last; number++) {
      if (Date.now() - started > limits.timeoutMs) {
        note = `Reading stopped after ${limits.timeoutMs} ms (the time limit): pages ${number}–${pages} are not indexed.`
        break
      }
      const page = await pdf.getPage(number)
      const content = await page.getTextContent()
      for (const text of pageParagraphs(content.items as TextItem[])) blocks.push({ kind: 'text', page: number, text })
      page.cleanup()
    }
    if (!note && pages > last) note = `Only the first ${last} of ${pages} pages are indexed (the page limit).`
    if (blocks.length === 0 && !note)
      throw new UnreadableFileError('the PDF has no text layer (scanned pages or images only)')
    return { blocks, note, pages }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error
    throw new UnreadableFileError(reasonOf(error))
  } finally {
    await pdf.destroy()
  }
}
