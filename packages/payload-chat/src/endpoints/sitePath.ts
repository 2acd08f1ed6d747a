import { hasControlCharacters } from '@askfolio/payload-retrieval'

/** Longest page address accepted from the widget. */
export const maxPathChars = 300

/**
 * A page's address as the widget sends it (`location.pathname`): a site path, without its query
 * or fragment (a query string can carry a visitor's own data, so it is never kept), or an error.
 */
export function sitePath(value: unknown, name: string): { error: string } | { path: string } {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
    return { error: `"${name}" must be a path on the site, starting with "/".` }
  const path = value.split(/[?#]/, 1)[0]
  if (path.length > maxPathChars) return { error: `"${name}" must be at most ${maxPathChars} characters.` }
  if (hasControlCharacters(path) || /\s/.test(path))
    return { error: `"${name}" must not contain spaces or control characters.` }
  return { path }
}
