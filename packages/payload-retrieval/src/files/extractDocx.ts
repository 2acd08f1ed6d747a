import type { Block } from '../text/lexicalToBlocks'
import type { FileText } from './fileLimits'

import { UnreadableFileError } from './unreadableFile'

const entities: Record<string, string> = { '&amp;': '&', '&gt;': '>', '&lt;': '<', '&quot;': '"', '&#39;': "'" }

/** The text of an HTML fragment from mammoth (which only ever escapes these five characters). */
const plain = (html: string): string =>
  html
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(?:amp|gt|lt|quot|#39);/g, (entity) => entities[entity])
    .replace(/\s+/g, ' ')
    .trim()

/**
 * A Word file's text with mammoth, which maps Word's heading styles ("Heading 1" to "Heading 6",
 * and "Title") to headings and everything else to paragraphs, list items and table cells. Its HTML
 * has no attributes to speak of, so a flat scan of block elements is enough.
 */
export async function extractDocx(data: Uint8Array): Promise<FileText> {
  const mammoth = (await import('mammoth')).default
  let html: string
  try {
    ;({ value: html } = await mammoth.convertToHtml(
      { buffer: Buffer.from(data) },
      { styleMap: ["p[style-name='Title'] => h1:fresh"] },
    ))
  } catch (error) {
    throw new UnreadableFileError(
      `the Word file is damaged or not a .docx file (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  const blocks: Block[] = []
  for (const [, tag, inner] of html.matchAll(/<(h[1-6]|p|li|td|th)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)) {
    const text = plain(inner)
    if (!text) continue
    blocks.push(tag.startsWith('h') ? { kind: 'heading', level: Number(tag[1]), text } : { kind: 'text', text })
  }
  if (!blocks.some((block) => block.kind === 'text')) throw new UnreadableFileError('the Word file holds no text')
  return { blocks }
}
