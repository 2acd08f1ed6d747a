import type { Metadata } from 'next'

import { DocumentList } from '../components/DocumentList'
import { building } from '../data/cachedRead'
import { site } from '../data/request'

export const metadata: Metadata = {
  description: 'CV, case studies and other documents to read or download.',
  title: 'Documents',
}

export default async function DocumentsPage() {
  if (building()) return null
  const documents = await site.documents()
  return (
    <>
      <h1>Documents</h1>
      {documents.length > 0 ? (
        <DocumentList documents={documents} headingLevel={2} />
      ) : (
        <p>No documents are published yet.</p>
      )}
    </>
  )
}
