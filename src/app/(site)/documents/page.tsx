import type { Metadata } from 'next'

import { DocumentList } from '../components/DocumentList'
import { listDocuments } from '../data/documents'
import { getSitePayload } from '../data/request'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  description: 'CV, case studies and other documents to read or download.',
  title: 'Documents',
}

export default async function DocumentsPage() {
  const documents = await listDocuments(await getSitePayload())
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
