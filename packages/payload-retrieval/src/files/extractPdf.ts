import type { Block } from '../text/lexicalToBlocks'
import type { FileLimits, FileLogger, FileText } from './fileLimits'

import { PdfOutOfMemory, type PdfPages, PdfReadError, PdfWorkerUnavailable, readPdfInWorker } from './readPdfInWorker'
import { UnreadableFileError } from './unreadableFile'

type TextItem = { hasEOL?: boolean; str?: string }

/** One page's paragraphs: its text split at blank lines, each paragraph's lines joined. */
function pageParagraphs(text: string): string[] {
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
 * The pages of a PDF read here, in this thread: what `readPdfInWorker` does when a worker cannot
 * run. The time limit is then checked between pages, and the heap is the process's.
 */
async function readPdfHere(data: Uint8Array, limits: FileLimits): Promise<PdfPages> {
  // unpdf is imported when a PDF is read, so hosts that index no files never load pdf.js.
  const { getDocumentProxy } = await import('unpdf')
  hideEnumerablePrototypeProperties()
  const started = Date.now()
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // pdf.js takes ownership of the buffer it is given: pass a copy.
    pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 })
  } catch (error) {
    const { message, name } = error as Error
    throw new PdfReadError(name, message)
  }
  try {
    const result: PdfPages = { pages: pdf.numPages, texts: new Map() }
    for (let number = 1; number <= Math.min(pdf.numPages, limits.maxPages); number++) {
      if (Date.now() - started > limits.timeoutMs) {
        result.stopped = 'time'
        break
      }
      const page = await pdf.getPage(number)
      const content = await page.getTextContent()
      let text = ''
      for (const item of content.items as TextItem[]) text += (item.str ?? '') + (item.hasEOL ? '\n' : '')
      result.texts.set(number, text)
      page.cleanup()
    }
    return result
  } catch (error) {
    const { message, name } = error as Error
    throw new PdfReadError(name, message)
  } finally {
    await pdf.destroy()
  }
}

let workerUnavailable = false

/** The pages, from a worker thread when one can run (see readPdfInWorker), else from this thread. */
async function readPdfPages(data: Uint8Array, limits: FileLimits, logger?: FileLogger): Promise<PdfPages> {
  if (!workerUnavailable) {
    try {
      return await readPdfInWorker(data, limits)
    } catch (error) {
      if (!(error instanceof PdfWorkerUnavailable)) throw error
      // Once per process: the reason (unpdf not where the working directory can find it) does not change.
      workerUnavailable = true
      logger?.warn(`Reading PDFs in this thread: a worker thread could not read them (${error.message}).`)
    }
  }
  return readPdfHere(data, limits)
}

/**
 * A PDF's text, page by page, with pdf.js (through unpdf, which bundles a server build of it), in
 * a worker thread with its own heap limit (`maxMemoryMb`), stopped at `timeoutMs`. Pages past
 * `maxPages` are left out, and what was read before the deadline is kept; either way the note says
 * how far it got. A PDF with no text on any page has no text layer (a scan): that is unreadable, as
 * are encrypted and damaged files, and one that needs more memory than the limit.
 */
export async function extractPdf(data: Uint8Array, limits: FileLimits, logger?: FileLogger): Promise<FileText> {
  if (!Buffer.from(data.subarray(0, 1024)).includes('%PDF-'))
    throw new UnreadableFileError('the file is not a PDF (it has no PDF header)')
  let read: PdfPages
  try {
    read = await readPdfPages(data, limits, logger)
  } catch (error) {
    if (error instanceof PdfOutOfMemory)
      throw new UnreadableFileError(`reading the PDF needed more than ${limits.maxMemoryMb} MB (the memory limit)`)
    throw new UnreadableFileError(reasonOf(error))
  }
  const blocks: Block[] = []
  for (const [number, text] of [...read.texts].sort(([a], [b]) => a - b))
    for (const paragraph of pageParagraphs(text)) blocks.push({ kind: 'text', page: number, text: paragraph })
  const last = Math.min(read.pages, limits.maxPages)
  let note: string | undefined
  if (read.stopped === 'time') {
    const next = read.texts.size + 1
    note = read.pages
      ? `Reading stopped after ${limits.timeoutMs} ms (the time limit): pages ${next}–${read.pages} are not indexed.`
      : `Reading stopped after ${limits.timeoutMs} ms (the time limit), before the first page.`
  } else if (read.pages > last) note = `Only the first ${last} of ${read.pages} pages are indexed (the page limit).`
  if (blocks.length === 0 && !note)
    throw new UnreadableFileError('the PDF has no text layer (scanned pages or images only)')
  return { blocks, note, pages: read.pages }
}
