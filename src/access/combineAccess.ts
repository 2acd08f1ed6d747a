import type { AccessResult, Where } from 'payload'

/** Both answers must allow: `true` is neutral, `false` wins, queries are joined with `and`. */
export function allOf(...results: AccessResult[]): AccessResult {
  if (results.some((result) => result === false)) return false
  const queries = results.filter((result): result is Where => typeof result === 'object')
  if (queries.length === 0) return true
  return queries.length === 1 ? queries[0] : { and: queries }
}

/** Either answer may allow: `true` wins, `false` is neutral, queries are joined with `or`. */
export function anyOf(...results: AccessResult[]): AccessResult {
  if (results.some((result) => result === true)) return true
  const queries = results.filter((result): result is Where => typeof result === 'object')
  if (queries.length === 0) return false
  return queries.length === 1 ? queries[0] : { or: queries }
}
