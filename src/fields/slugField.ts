import type { TextField } from 'payload'

/** Lower-case words joined by hyphens, accents folded: "Hello, Wörld!" becomes "hello-world". */
export const slugify = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * A unique, URL-safe slug, filled from `source` when left empty. It is not `required` in the schema,
 * so API clients (GraphQL included) may leave it out; validation still insists on a value once the
 * hook has had its chance to make one.
 */
export const slugField = (source = 'title'): TextField => ({
  name: 'slug',
  type: 'text',
  admin: { description: `Used in the page URL. Left empty, it is made from the ${source}.`, position: 'sidebar' },
  hooks: {
    beforeValidate: [
      ({ data, value }) => {
        if (typeof value === 'string' && value.trim()) return slugify(value)
        const from = data?.[source]
        return typeof from === 'string' ? slugify(from) : value
      },
    ],
  },
  index: true,
  unique: true,
  validate: (value: null | string | undefined) => {
    if (!value) return `A slug is required: give one, or a ${source} to make it from.`
    return slugPattern.test(value) || 'A slug may only hold lower-case letters, digits and single hyphens.'
  },
})
