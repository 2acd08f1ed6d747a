import type { Block, Field } from 'payload'

/** A relationship or upload field by its data path ('links.target'), and the collections it points at. */
export type RelationField = { path: string; polymorphic: boolean; relationTo: string[] }

type AnyField = {
  blockReferences?: (Block | string)[]
  blocks?: Block[]
  fields?: Field[]
  name?: string
  relationTo?: string | string[]
  tabs?: { fields: Field[]; name?: string }[]
  type: string
}

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name)

function blocksOf(field: AnyField, configBlocks: Block[]): Block[] {
  const referenced = (field.blockReferences ?? []).map((entry) =>
    typeof entry === 'string' ? configBlocks.find((block) => block.slug === entry) : entry,
  )
  return [...(field.blocks ?? []), ...referenced.filter((block): block is Block => Boolean(block))]
}

/**
 * Every relationship and upload field in `fields`, at its data path: rows, collapsibles, unnamed
 * groups and unnamed tabs keep their parent's path (their fields are stored as the parent's), while
 * arrays, named groups, named tabs and blocks add their name, which is how a `where` reaches into them.
 */
export function relationFieldsOf(fields: Field[], configBlocks: Block[] = [], prefix = ''): RelationField[] {
  const found: RelationField[] = []
  for (const field of fields as AnyField[]) {
    const path = field.name ? join(prefix, field.name) : prefix
    if ((field.type === 'relationship' || field.type === 'upload') && field.relationTo && field.name) {
      const polymorphic = Array.isArray(field.relationTo)
      found.push({
        path,
        polymorphic,
        relationTo: polymorphic ? (field.relationTo as string[]) : [field.relationTo as string],
      })
    } else if (field.type === 'tabs') {
      for (const tab of field.tabs ?? [])
        found.push(...relationFieldsOf(tab.fields, configBlocks, tab.name ? join(prefix, tab.name) : prefix))
    } else if (field.type === 'blocks') {
      for (const block of blocksOf(field, configBlocks))
        found.push(...relationFieldsOf(block.fields, configBlocks, path))
    } else if (field.fields) {
      found.push(...relationFieldsOf(field.fields, configBlocks, path))
    }
  }
  return found
}
