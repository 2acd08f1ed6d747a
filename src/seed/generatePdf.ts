import PDFDocument from 'pdfkit'

/** One page of a generated PDF: an optional heading and its paragraphs. */
export type PdfPage = { heading?: string; paragraphs: string[] }

export type PdfOptions = {
  /** Encrypts the file: a reader needs this password to open it. */
  password?: string
  title: string
}

/**
 * A PDF with real text on known pages, made with pdfkit at seed (and test) time, so no binary is
 * committed. Each entry of `pages` starts a new page; an entry with no paragraphs and no heading is a
 * page without a text layer. Text is set in the standard Helvetica, which every reader has.
 */
export function generatePdf(pages: PdfPage[], options: PdfOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      autoFirstPage: false,
      info: { Title: options.title },
      ...(options.password ? { pdfVersion: '1.7', userPassword: options.password } : {}),
    })
    const parts: Buffer[] = []
    doc.on('data', (part: Buffer) => parts.push(part))
    doc.on('end', () => resolve(Buffer.concat(parts)))
    doc.on('error', reject)
    for (const page of pages) {
      doc.addPage({ margin: 64, size: 'A4' })
      if (page.heading) doc.font('Helvetica-Bold').fontSize(16).text(page.heading).moveDown(0.6)
      for (const paragraph of page.paragraphs) doc.font('Helvetica').fontSize(11).text(paragraph).moveDown(0.8)
    }
    doc.end()
  })
}
