import type { Config } from 'payload'

import type { Source } from '../context'

import { relationFieldsOf } from './relationFieldsOf'

/** An indexed source whose text shows documents of another collection, through `field` (a data path). */
export type Dependent = { field: string; kind: Source['kind']; polymorphic: boolean; slug: string }

/** For each collection, the indexed sources that show its documents. */
export type ShownRelations = Map<string, Dependent[]>

type SourceFields = Pick<Source, 'fields' | 'kind' | 'slug'>

function fieldsOfSource(config: Pick<Config, 'collections' | 'globals'>, source: SourceFields) {
  const entries = source.kind === 'collection' ? config.collections : config.globals
  return entries?.find((entry) => entry.slug === source.slug)?.fields ?? []
}

/**
 * Which collections' documents each indexed source shows, read from the field types of the config.
 * Indexing reads a document at depth 1, so a relationship or upload named in `fields` brings in the
 * related document: with `pick` its name, with `format` whatever the function makes of it (nested
 * relations included), and even as a plain string, which is rendered only while the related document
 * is unreadable (Payload then leaves its bare id), so it too changes with the related document.
 * Rich text is not followed: an upload node's caption shows, but finding the documents that embed one
 * would mean searching their JSON.
 */
export function findShownRelations(
  config: Pick<Config, 'blocks' | 'collections' | 'globals'>,
  sources: Iterable<SourceFields>,
): ShownRelations {
  const shown: ShownRelations = new Map()
  const seen = new Set<string>()
  for (const source of sources) {
    const relations = relationFieldsOf(fieldsOfSource(config, source), config.blocks)
    for (const entry of source.fields) {
      const { field, format } = typeof entry === 'string' ? { field: entry, format: undefined } : entry
      const reached = relations.filter(
        (relation) => relation.path === field || (format && relation.path.startsWith(`${field}.`)),
      )
      for (const relation of reached) {
        for (const related of relation.relationTo) {
          const dependent: Dependent = {
            field: relation.path,
            kind: source.kind,
            polymorphic: relation.polymorphic,
            slug: source.slug,
          }
          const key = `${related}>${source.slug}.${relation.path}`
          if (seen.has(key)) continue
          seen.add(key)
          shown.set(related, [...(shown.get(related) ?? []), dependent])
        }
      }
    }
  }
  return shown
}
