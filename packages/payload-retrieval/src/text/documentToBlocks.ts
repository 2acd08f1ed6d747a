import type { FieldSource } from '../types'

import { type Block, lexicalToBlocks } from './lexicalToBlocks'

const isLexical = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { root?: unknown }).root === 'object'

const isPolymorphic = (item: object): item is { relationTo: string; value: unknown } =>
  'relationTo' in item && 'value' in item

/** A related document as populated at depth 1; a polymorphic relation wraps it in `{ relationTo, value }`. */
function relatedDoc(item: unknown): Record<string, unknown> | undefined {
  if (!item || typeof item !== 'object') return undefined
  const doc = isPolymorphic(item) ? item.value : item
  return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : undefined
}

/** The names of related documents (populated at depth 1), e.g. "Skills: TypeScript, PostgreSQL". */
function relatedNames(value: unknown, pick: string): string[] {
  const items = Array.isArray(value) ? value : [value]
  return items
    .map((item) => relatedDoc(item)?.[pick])
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '')
}

/** A document's configured fields, in order, as blocks of text. */
export function documentToBlocks(doc: Record<string, unknown>, fields: FieldSource[]): Block[] {
  const blocks: Block[] = []
  for (const source of fields) {
    const { field, format, label, pick } = typeof source === 'string' ? { field: source } : source
    const value = doc[field]
    if (value === null || value === undefined) continue
    if (format) {
      const text = format(value).trim()
      if (text) blocks.push({ kind: 'text', text: label ? `${label}: ${text}` : text })
    } else if (pick) {
      const names = relatedNames(value, pick)
      if (names.length > 0) blocks.push({ kind: 'text', text: `${label ?? field}: ${names.join(', ')}` })
    } else if (isLexical(value)) {
      blocks.push(...lexicalToBlocks(value))
    } else if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value).trim()
      if (text) blocks.push({ kind: 'text', text: label ? `${label}: ${text}` : text })
    }
  }
  return blocks
}
