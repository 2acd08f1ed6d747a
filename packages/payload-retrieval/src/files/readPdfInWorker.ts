import type { FileLimits } from './fileLimits'

import { Worker } from 'node:worker_threads'

import { type PdfWorkerData, type PdfWorkerMessage, pdfWorkerSource } from './pdfWorkerSource'

/** A PDF's pages as read: the text of each page read (by number), and why reading stopped early. */
export type PdfPages = { pages: number; stopped?: 'time'; texts: Map<number, string> }

/** pdf.js failed on the file itself (encrypted, damaged): the name and message of its exception. */
export class PdfReadError extends Error {
  constructor(name: string, message: string) {
    super(message)
    this.name = name
  }
}

/** The worker could not run at all (unpdf not resolvable from the working directory, say). */
export class PdfWorkerUnavailable extends Error {
  name = 'PdfWorkerUnavailable'
}

/** The worker went over its heap limit. */
export class PdfOutOfMemory extends Error {
  name = 'PdfOutOfMemory'
}

// What pdf.js throws about a file it cannot open (its exception classes' names).
const pdfExceptions = new Set([
  'FormatError',
  'InvalidPDFException',
  'MissingPDFException',
  'PasswordException',
  'UnexpectedResponseException',
  'UnknownErrorException',
])

/**
 * Reads a PDF's pages in a worker thread, so a hostile or enormous file can neither block the
 * process's event loop (the web server's, when jobs run there) nor take its memory: the worker has
 * its own heap of at most `maxMemoryMb`, and it is terminated at `timeoutMs`, keeping the pages it
 * had sent. Its realm is fresh, so nothing another package did to the main thread's prototypes
 * reaches pdf.js.
 */
export function readPdfInWorker(data: Uint8Array, limits: FileLimits): Promise<PdfPages> {
  return new Promise((resolve, reject) => {
    const result: PdfPages = { pages: 0, texts: new Map() }
    let settled = false
    let opened = false
    const workerData: PdfWorkerData = { data, maxPages: limits.maxPages }
    const worker = new Worker(pdfWorkerSource, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb },
      workerData,
    })
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      void worker.terminate()
      outcome()
    }
    const deadline = setTimeout(
      () =>
        finish(() => {
          result.stopped = 'time'
          resolve(result)
        }),
      limits.timeoutMs,
    )
    worker.on('message', (message: PdfWorkerMessage) => {
      if (message.type === 'open') {
        opened = true
        result.pages = message.pages
      } else if (message.type === 'page') result.texts.set(message.number, message.text)
      else if (message.type === 'done') finish(() => resolve(result))
      else if (!opened && !pdfExceptions.has(message.error.name))
        // Before the file was opened, anything but pdf.js's verdict on it means the worker could not run.
        finish(() => reject(new PdfWorkerUnavailable(message.error.message)))
      else finish(() => reject(new PdfReadError(message.error.name, message.error.message)))
    })
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PdfOutOfMemory(error.message)
            : new PdfWorkerUnavailable(error.message),
        ),
      ),
    )
    worker.on('exit', () => finish(() => reject(new PdfWorkerUnavailable('the PDF worker stopped before it finished'))))
  })
}
