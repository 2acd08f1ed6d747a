/** A related document: its collection and id. */
export type RelatedRef = { id: number | string; slug: string }

const idOfValue = (value: unknown): unknown =>
  value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value

function pointsAt(value: unknown, related: RelatedRef, polymorphic: boolean): boolean {
  if (!polymorphic) return value != null && String(idOfValue(value)) === String(related.id)
  const { relationTo, value: id } = (value ?? {}) as { relationTo?: string; value?: unknown }
  return relationTo === related.slug && id != null && String(idOfValue(id)) === String(related.id)
}

/**
 * Whether `doc` (read at depth 0) refers to `related` at the data path `field` ('links.target'),
 * through any array rows, blocks and hasMany values on the way.
 */
export function holdsReference(doc: unknown, field: string, related: RelatedRef, polymorphic: boolean): boolean {
  const walk = (value: unknown, segments: string[]): boolean => {
    if (Array.isArray(value)) return value.some((item) => walk(item, segments))
    if (segments.length === 0) return pointsAt(value, related, polymorphic)
    if (!value || typeof value !== 'object') return false
    return walk((value as Record<string, unknown>)[segments[0]], segments.slice(1))
  }
  return walk(doc, field.split('.'))
}
