/**
 * Lexical rich text (as Payload stores it) to a flat list of blocks that keeps the document's
 * structure: headings with their level, paragraphs, lists (with nesting and numbering), quotes and
 * code. Links keep their target as Markdown does, `[text](url)`.
 */
/** A heading or a run of text; `page` places text on a page of a file (a PDF's, counted from 1). */
export type Block = { kind: 'heading'; level: number; text: string } | { kind: 'text'; page?: number; text: string }

type Node = {
  [key: string]: unknown
  children?: Node[]
  fields?: Record<string, unknown>
  listType?: string
  tag?: string
  text?: string
  type: string
  value?: unknown
}

function inline(nodes: Node[] = []): string {
  let out = ''
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text ?? ''
        break
      case 'linebreak':
        out += '\n'
        break
      case 'tab':
        out += '\t'
        break
      case 'link':
      case 'autolink': {
        const text = inline(node.children)
        const url = (node.fields?.url as string | undefined) ?? ''
        out += url && url !== text ? `[${text}](${url})` : text
        break
      }
      default:
        out += inline(node.children)
    }
  }
  return out
}

function listLines(list: Node, depth: number): string[] {
  const lines: string[] = []
  let number = Number(list.start ?? 1)
  for (const item of list.children ?? []) {
    const nested = (item.children ?? []).filter((child) => child.type === 'list')
    const own = inline((item.children ?? []).filter((child) => child.type !== 'list')).trim()
    const marker =
      list.listType === 'number' ? `${number++}.` : list.listType === 'check' ? (item.checked ? '[x]' : '[ ]') : '-'
    if (own) lines.push(`${'  '.repeat(depth)}${marker} ${own}`)
    for (const child of nested) lines.push(...listLines(child, depth + 1))
  }
  return lines
}

function mediaLabel(value: unknown): string {
  if (!value || typeof value !== 'object') return ''
  const { alt, caption } = value as { alt?: string; caption?: string }
  return [alt, caption].filter(Boolean).join(': ')
}

export function lexicalToBlocks(state: unknown): Block[] {
  const root = (state as { root?: Node } | null)?.root
  if (!root) return []
  const blocks: Block[] = []
  const push = (text: string) => {
    const trimmed = text.trim()
    if (trimmed) blocks.push({ kind: 'text', text: trimmed })
  }
  for (const node of root.children ?? []) {
    switch (node.type) {
      case 'heading': {
        const text = inline(node.children).trim()
        if (text) blocks.push({ kind: 'heading', level: Number(node.tag?.slice(1)) || 2, text })
        break
      }
      case 'list':
        push(listLines(node, 0).join('\n'))
        break
      case 'quote':
        push(
          inline(node.children)
            .split('\n')
            .map((line) => `> ${line}`)
            .join('\n'),
        )
        break
      case 'block': {
        const fields = node.fields ?? {}
        if (typeof fields.code === 'string') push(`\`\`\`${fields.language ?? ''}\n${fields.code}\n\`\`\``)
        break
      }
      case 'upload': {
        const label = mediaLabel(node.value)
        if (label) push(`[Image: ${label}]`)
        break
      }
      case 'horizontalrule':
        break
      default:
        push(inline(node.children))
    }
  }
  return blocks
}
