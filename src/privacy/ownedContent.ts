import { sql } from '@payloadcms/db-postgres/drizzle'

/**
 * The collections whose documents belong to a user, and the field that says whom. Their versions
 * (drafts and history) keep the field too, under `version.<field>`. A test checks that every
 * relationship to `users` in the config is either listed here or handled by erasure on its own.
 */
export const ownedContent = [
  { collection: 'projects', field: 'owner' },
  { collection: 'blog-posts', field: 'author' },
  { collection: 'faq', field: 'author' },
  { collection: 'documents', field: 'owner' },
] as const

export type OwnedContent = (typeof ownedContent)[number]

const snake = (name: string) => name.replace(/-/g, '_')

/** The SQL names of a listed collection's owner column, on the documents and on their versions. */
export const ownerColumns = ({ collection, field }: OwnedContent) => ({
  column: sql.identifier(`${snake(field)}_id`),
  table: sql.identifier(snake(collection)),
  versionColumn: sql.identifier(`version_${snake(field)}_id`),
  versionTable: sql.identifier(`_${snake(collection)}_v`),
})
