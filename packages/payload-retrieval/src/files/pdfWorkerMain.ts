/** What the PDF worker tells the thread that started it, in order. */
export type PdfWorkerMessage =
  | { error: { message: string; name: string }; type: 'error' }
  | { number: number; text: string; type: 'page' }
  | { pages: number; type: 'open' }
  | { type: 'done' }

/** What the PDF worker is given. */
export type PdfWorkerData = { data: Uint8Array; maxPages: number }

/**
 * The PDF worker's whole program. It is sent to the worker as source text (`readPdfInWorker`), so
 * it must stand alone: no imports, no names from this module, no bundler-visible `require` or
 * `import()` (a bundler would rewrite them into its own loader, which the worker does not have).
 * It opens the PDF with unpdf, resolved like any package from the working directory, and posts
 * each page's text as soon as it is read, so a reader stopped at its deadline keeps the pages
 * before it. A page's text is pdf.js's items joined, with a line break where the PDF ends a line.
 */
export async function pdfWorkerMain(): Promise<void> {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads')
  const port = parentPort!
  const { data, maxPages } = workerData as PdfWorkerData
  const post = (message: PdfWorkerMessage) => port.postMessage(message)
  try {
    // A Function's body is not a bundler's to rewrite: this stays the runtime's own import().
    const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{
      getDocumentProxy: (data: Uint8Array, options: object) => Promise<PdfDocument>
    }>
    type PdfDocument = {
      destroy: () => Promise<void>
      getPage: (n: number) => Promise<{
        cleanup: () => void
        getTextContent: () => Promise<{ items: { hasEOL?: boolean; str?: string }[] }>
      }>
      numPages: number
    }
    const { getDocumentProxy } = await importModule('unpdf')
    const pdf = await getDocumentProxy(data, { verbosity: 0 })
    post({ pages: pdf.numPages, type: 'open' })
    for (let number = 1; number <= Math.min(pdf.numPages, maxPages); number++) {
      const page = await pdf.getPage(number)
      const content = await page.getTextContent()
      let text = ''
      for (const item of content.items) text += (item.str ?? '') + (item.hasEOL ? '\n' : '')
      post({ number, text, type: 'page' })
      page.cleanup()
    }
    await pdf.destroy()
    post({ type: 'done' })
  } catch (error) {
    const { message, name } = error instanceof Error ? error : { message: String(error), name: 'Error' }
    post({ error: { message, name }, type: 'error' })
  }
}
