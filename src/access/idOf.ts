/** The id of a relationship value, whether Payload populated it (an object) or not (the id itself). */
export const idOf = (ref: unknown): unknown =>
  typeof ref === 'object' && ref !== null ? (ref as { id: unknown }).id : ref
