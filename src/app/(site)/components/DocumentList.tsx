import type { DocumentSummary } from '../data/documents'

import { documentExtension, documentFileUrl, documentPageUrl } from '../../../documents/documentFileTypes'

const kinds: Record<string, string> = { docx: 'Word', md: 'Markdown', pdf: 'PDF', txt: 'Text' }

/** "PDF, 48 KB": what a download link says about the file. */
export function fileLabel(doc: Pick<DocumentSummary, 'filename' | 'filesize'>): string {
  const extension = documentExtension(doc.filename)
  const kind = kinds[extension] ?? extension.toUpperCase()
  const size = doc.filesize ? `, ${Math.max(1, Math.round(doc.filesize / 1024))} KB` : ''
  return `${kind}${size}`
}

/** A download link to a document's file. */
export function DownloadLink({ doc }: { doc: DocumentSummary }) {
  return (
    <a className="button" download href={documentFileUrl(doc.slug ?? '', doc.filename)}>
      Download ({fileLabel(doc)})
    </a>
  )
}

/** Published documents, each linked to its page, with its file's kind and size. */
export function DocumentList({ documents, headingLevel = 3 }: { documents: DocumentSummary[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ul className="post-list">
      {documents.map((doc) => (
        <li key={doc.id}>
          <Heading>
            <a href={documentPageUrl(doc.slug ?? '')}>{doc.title}</a>
          </Heading>
          {doc.description && <p>{doc.description}</p>}
          <p className="meta">{fileLabel(doc)}</p>
        </li>
      ))}
    </ul>
  )
}

/** "Documents" on a project or post page, when any published document names it. */
export function AttachedDocuments({ documents }: { documents: DocumentSummary[] }) {
  if (documents.length === 0) return null
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <DocumentList documents={documents} />
    </section>
  )
}
