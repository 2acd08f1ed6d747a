import { Document, HeadingLevel, Packer, Paragraph } from 'docx'

import { generatePdf, type PdfPage } from '../../src/seed/generatePdf'

export { generatePdf }

/** A PDF whose page N (from 1) says exactly `texts[N - 1]`. */
export const pdfWithPages = (texts: string[], password?: string): Promise<Buffer> =>
  generatePdf(
    texts.map((text): PdfPage => ({ paragraphs: text ? [text] : [] })),
    { password, title: 'Test document' },
  )

/** A Word file: each section a Heading 1 and its paragraphs, made with the `docx` package. */
export async function docxWithSections(sections: { heading: string; paragraphs: string[] }[]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: sections.flatMap(({ heading, paragraphs }) => [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: heading }),
          ...paragraphs.map((text) => new Paragraph({ text })),
        ]),
      },
    ],
  })
  return Packer.toBuffer(doc)
}

export const pdfType = 'application/pdf'
export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
