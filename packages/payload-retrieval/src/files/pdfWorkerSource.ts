/** What the PDF worker tells the thread that started it, in order. */
export type PdfWorkerMessage =
  | { error: { message: string; name: string }; type: 'error' }
  | { number: number; text: string; type: 'page' }
  | { pages: number; type: 'open' }
  | { type: 'done' }

/** What the PDF worker is given. */
export type PdfWorkerData = { data: Uint8Array; maxPages: number }

/**
 * The PDF worker's whole program, as JavaScript source text. It is a string on purpose: a compiled
 * function's `toString()` carries whatever the toolchain added (esbuild's `__name` calls under tsx,
 * a bundler's loader for `import()`), which the worker does not have. It opens the PDF with unpdf,
 * resolved like any package from the working directory, and posts each page's text as soon as it is
 * read, so a reader stopped at its deadline keeps the pages before it. A page's text is pdf.js's
 * items joined, with a line break where the PDF ends a line. tests/unit/fileExtraction.test.ts runs
 * it on every kind of file.
 */
export const pdfWorkerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const post = (message) => parentPort.postMessage(message)
;(async () => {
  try {
    const { getDocumentProxy } = await import('unpdf')
    const pdf = await getDocumentProxy(workerData.data, { verbosity: 0 })
    post({ pages: pdf.numPages, type: 'open' })
    for (let number = 1; number <= Math.min(pdf.numPages, workerData.maxPages); number++) {
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
    post({ error: { message: String(error && error.message || error), name: String(error && error.name || 'Error') }, type: 'error' })
  }
})()
`
