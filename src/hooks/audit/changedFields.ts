/**
 * Bookkeeping fields that change on every write and say nothing about what an editor did, and
 * `mediaRefs`, worked out from the fields that hold media (which are reported themselves).
 */
const ignored = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'sizes',
  'loginAttempts',
  'lockUntil',
  'sessions',
  'globalType',
  'mediaRefs',
])
/** Auth internals are reported under the name an editor knows: a new hash and salt mean a new password. */
const aliases: Record<string, string> = {
  apiKeyIndex: 'apiKey',
  hash: 'password',
  resetPasswordExpiration: 'resetPassword',
  resetPasswordToken: 'resetPassword',
  salt: 'password',
}
/** Fields whose values are never returned, so only the incoming data shows that they changed. */
const writeOnly = ['password']

// A populated relationship (a whole document) compares as its id; array rows keep their contents.
const normalize = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(normalize)
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if ('id' in record && 'updatedAt' in record) return record.id
    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, normalize(inner)]))
  }
  return value ?? null
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b))

/**
 * Names of the top-level fields a write changed. Only names: an audit entry never holds values,
 * so secrets such as passwords and API keys cannot leak through it.
 */
export function changedFields(
  previous: Record<string, unknown> | null | undefined,
  next: Record<string, unknown>,
  data: Record<string, unknown> = {},
): string[] {
  const names = new Set<string>()
  const before = previous ?? {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(next)])) {
    if (ignored.has(key)) continue
    if (!previous && (next[key] === null || next[key] === undefined)) continue
    if (!same(before[key], next[key])) names.add(aliases[key] ?? key)
  }
  for (const key of writeOnly) if (data[key] !== undefined && data[key] !== null) names.add(key)
  return [...names].sort()
}
