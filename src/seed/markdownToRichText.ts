import type { SanitizedConfig } from 'payload'

import { convertMarkdownToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import crypto from 'node:crypto'

/**
 * Joins hard-wrapped lines back into paragraphs (Markdown treats a single newline as a space, the
 * lexical importer as a line break), leaving lists, headings and code fences alone.
 */
export function unwrapParagraphs(markdown: string): string {
  const out: string[] = []
  let inFence = false
  for (const line of markdown.split('\n')) {
    const fence = line.trimStart().startsWith('```')
    const structural = /^\s*([-*+]|\d+\.|#{1,6}|>)\s/.test(line) || fence || line.trim() === ''
    const previous = out.at(-1)
    if (
      !inFence &&
      !structural &&
      previous !== undefined &&
      previous.trim() !== '' &&
      !previous.trimStart().startsWith('```')
    ) {
      out[out.length - 1] = `${previous} ${line.trim()}`
    } else {
      out.push(line)
    }
    if (fence) inFence = !inFence
  }
  return out.join('\n')
}

// The Code block's languages are Monaco's ids.
const languageIds: Record<string, string> = { js: 'javascript', sh: 'shell', sql: 'sql', ts: 'typescript' }

type LexicalNode = { children?: LexicalNode[]; text?: string; type: string; [key: string]: unknown }

/** Turns a paragraph that still holds a ``` fence (the importer leaves them as text) into a Code block. */
function fenceToCodeBlock(node: LexicalNode): LexicalNode {
  const parts = (node.children ?? []).map((child) => (child.type === 'linebreak' ? '\n' : (child.text ?? '')))
  const text = parts.join('')
  const match = /^```(\w*)\n([\s\S]*?)\n?```$/.exec(text.trim())
  if (node.type !== 'paragraph' || !match) return node
  return {
    type: 'block',
    fields: {
      id: crypto.randomBytes(12).toString('hex'),
      blockName: '',
      blockType: 'Code',
      code: match[2],
      language: languageIds[match[1]] ?? (match[1] || 'plaintext'),
    },
    format: '',
    version: 2,
  }
}

/** Markdown (as the seed content is written) to the lexical JSON the editor stores. */
export async function markdownToRichText(config: SanitizedConfig) {
  const editorConfig = await editorConfigFactory.default({ config })
  return (markdown: string) => {
    const state = convertMarkdownToLexical({ editorConfig, markdown: unwrapParagraphs(markdown) })
    const root = state.root as unknown as LexicalNode
    root.children = (root.children ?? []).map(fenceToCodeBlock)
    return state
  }
}
