import type { FileLimits, FileLogger, FileText } from './fileLimits'

import { extractDocx } from './extractDocx'
import { extractMarkdown, extractPlainText } from './extractMarkdown'
import { extractPdf } from './extractPdf'
import { megabytes } from './fileLimits'
import { UnreadableFileError } from './unreadableFile'

export type FileKind = 'docx' | 'markdown' | 'pdf' | 'text'

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The reader for a file, by MIME type, then by extension (browsers send Markdown as text/plain or nothing). */
export function fileKindOf(mimeType: string | undefined, filename: string | undefined): FileKind | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase()
  if (mimeType === 'application/pdf' || extension === 'pdf') return 'pdf'
  if (mimeType === docxType || extension === 'docx') return 'docx'
  if (mimeType === 'text/markdown' || extension === 'md' || extension === 'markdown') return 'markdown'
  if (mimeType?.startsWith('text/') || extension === 'txt') return 'text'
  return undefined
}

/** A file's text as blocks, or UnreadableFileError saying why there is none. */
export async function extractFile(
  data: Uint8Array,
  file: { filename?: string; mimeType?: string },
  limits: FileLimits,
  logger?: FileLogger,
): Promise<FileText> {
  if (data.byteLength > limits.maxBytes)
    throw new UnreadableFileError(
      `the file is ${megabytes(data.byteLength)}, more than the ${megabytes(limits.maxBytes)} limit`,
    )
  const kind = fileKindOf(file.mimeType, file.filename)
  if (kind === 'pdf') return extractPdf(data, limits, logger)
  if (kind === 'docx') return extractDocx(data)
  if (kind === 'markdown') return extractMarkdown(data)
  if (kind === 'text') return extractPlainText(data)
  throw new UnreadableFileError(`files of type ${file.mimeType ?? 'unknown'} are not read`)
}
