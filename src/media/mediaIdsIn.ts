import { idOf } from '../access/idOf'

/** Where a document keeps its media: upload fields, and rich-text fields whose upload nodes embed them. */
export type MediaFields = { richText?: string[]; uploads?: string[] }

/**
 * A `select` of just the fields that show media. Reads that only look for media use it: it leaves
 * out joins, and columns and tables added after the media-visibility migration, which runs them.
 */
export const selectMediaFields = (fields: MediaFields): Record<string, true> =>
  Object.fromEntries([...(fields.richText ?? []), ...(fields.uploads ?? [])].map((name) => [name, true]))

type LexicalNode = { children?: unknown[]; relationTo?: string; type?: string; value?: unknown }

function uploadsInRichText(node: unknown, into: Set<number | string>): void {
  if (typeof node !== 'object' || node === null) return
  const { children, relationTo, type, value } = node as LexicalNode
  if (type === 'upload' && relationTo === 'media') addId(idOf(value), into)
  for (const child of Array.isArray(children) ? children : []) uploadsInRichText(child, into)
}

function addId(id: unknown, into: Set<number | string>): void {
  if (typeof id === 'number' || (typeof id === 'string' && id !== '')) into.add(id)
}

/** The ids of every media document `doc` shows: its upload fields and the uploads in its rich text. */
export function mediaIdsIn(doc: Record<string, unknown> | null | undefined, { richText = [], uploads = [] }: MediaFields): (number | string)[] {
  const ids = new Set<number | string>()
  if (!doc) return []
  for (const field of uploads) addId(idOf(doc[field]), ids)
  for (const field of richText) uploadsInRichText((doc[field] as { root?: unknown } | null | undefined)?.root, ids)
  return [...ids]
}
