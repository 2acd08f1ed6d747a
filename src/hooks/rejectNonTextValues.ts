import { type CollectionBeforeValidateHook, type Field, ValidationError } from 'payload'

const textTypes = new Set(['code', 'email', 'text', 'textarea'])

/**
 * Payload stores whatever arrives in a text field as a string, so `{"title": {"a": 1}}` would save
 * the title `{"a":1}`. Refuse values of the wrong type with a 400 instead (top-level fields; GraphQL
 * already checks types against its schema).
 */
export const rejectNonTextValues: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  if (!data) return data
  const errors: { message: string; path: string }[] = []
  for (const field of collection.fields as Field[]) {
    if (!('name' in field) || !textTypes.has(field.type) || ('hasMany' in field && field.hasMany)) continue
    const value = (data as Record<string, unknown>)[field.name]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      errors.push({ message: `${field.name} must be a string`, path: field.name })
    }
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req })
  return data
}

/** Runs the check first, before the collection's own validation hooks. */
export const withTextTypeChecks = <T extends { hooks?: { beforeValidate?: CollectionBeforeValidateHook[] } }>(
  collection: T,
): T => ({
  ...collection,
  hooks: { ...collection.hooks, beforeValidate: [rejectNonTextValues, ...(collection.hooks?.beforeValidate ?? [])] },
})
