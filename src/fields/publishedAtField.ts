import type { DateField } from 'payload'

export const publishedAtField: DateField = {
  name: 'publishedAt',
  type: 'date',
  admin: {
    date: { pickerAppearance: 'dayAndTime' },
    description: 'Set automatically on first publish.',
    position: 'sidebar',
  },
  index: true,
}
