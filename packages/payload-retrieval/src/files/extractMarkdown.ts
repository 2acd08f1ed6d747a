import type { Block } from '../text/lexicalToBlocks'
import type { FileText } from './fileLimits'

import { lexer, type Token, type Tokens } from 'marked'

import { UnreadableFileError } from './unreadableFile'

/** Inline tokens as plain text: emphasis, links and code keep their words, images their alt text. */
function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback
  return tokens
    .map((token) => {
      if (token.type === 'br') return ' '
      if (token.type === 'image') return (token as Tokens.Image).text
      if ('tokens' in token && token.tokens) return inlineText(token.tokens, token.raw)
      return 'text' in token ? String(token.text) : ''
    })
    .join('')
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim()

function collect(tokens: Token[], blocks: Block[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const text = clean(inlineText(token.tokens, token.text))
        if (text) blocks.push({ kind: 'heading', level: token.depth, text })
        break
      }
      case 'paragraph':
      case 'text': {
        const text = clean(inlineText(token.tokens, token.text))
        if (text) blocks.push({ kind: 'text', text })
        break
      }
      case 'code':
        if (token.text.trim()) blocks.push({ kind: 'text', text: token.text.trim() })
        break
      case 'blockquote':
        collect(token.tokens ?? [], blocks)
        break
      case 'list':
        for (const item of (token as Tokens.List).items) {
          const text = clean(inlineText(item.tokens, item.text))
          if (text) blocks.push({ kind: 'text', text })
        }
        break
      case 'table': {
        const table = token as Tokens.Table
        for (const row of table.rows) {
          const text = clean(
            row
              .map((cell, i) => `${inlineText(table.header[i]?.tokens, '')}: ${inlineText(cell.tokens, cell.text)}`)
              .join('; '),
          )
          if (text) blocks.push({ kind: 'text', text })
        }
        break
      }
    }
  }
}

/** A Markdown file's text with marked's lexer: headings as headings, the rest as paragraphs, markup dropped. */
export function extractMarkdown(data: Uint8Array): FileText {
  const blocks: Block[] = []
  collect(lexer(new TextDecoder().decode(data)), blocks)
  if (!blocks.some((block) => block.kind === 'text')) throw new UnreadableFileError('the Markdown file holds no text')
  return { blocks }
}

/** A plain-text file's paragraphs (split at blank lines). */
export function extractPlainText(data: Uint8Array): FileText {
  const blocks: Block[] = new TextDecoder()
    .decode(data)
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => clean(paragraph))
    .filter(Boolean)
    .map((text) => ({ kind: 'text', text }))
  if (blocks.length === 0) throw new UnreadableFileError('the file is empty')
  return { blocks }
}
