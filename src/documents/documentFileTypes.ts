import path from 'node:path'

/** What the documents collection accepts: PDF, Word (.docx), Markdown and plain text. */
export const documentMimeTypes = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/markdown',
  'text/x-markdown',
  'text/plain',
]

/** Where document files live on disk without S3: beside the media, so backups and restores carry them. */
export const documentsDir = () => path.resolve(process.env.MEDIA_DIR || 'media', 'documents')

/** The extension a document's site URL ends in, from its stored file name. */
export function documentExtension(filename: null | string | undefined): string {
  const extension = /\.([a-z0-9]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase()
  return extension === 'markdown' ? 'md' : (extension ?? '')
}

/**
 * A document's public URLs: its page on the site, and its file (`/documents/<slug>.<ext>`), which is
 * what a citation of a PDF's page opens.
 */
export const documentPageUrl = (slug: string) => `/documents/${slug}`
export const documentFileUrl = (slug: string, filename: null | string | undefined) =>
  `/documents/${slug}.${documentExtension(filename)}`
