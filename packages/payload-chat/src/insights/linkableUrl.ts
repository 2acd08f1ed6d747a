/**
 * `url` when it is safe to put in an `href` shown to editors: an http(s) address or a path on this
 * site. Anything else (`javascript:`, `data:`, garbage stored by an older version) gives ''.
 */
export function linkableUrl(url: null | string | undefined): string {
  if (!url) return ''
  // Browsers read a backslash as a slash, so `/\host` is another site, like `//host`.
  if (/^\/(?![/\\])/.test(url)) return url
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:' ? url : ''
  } catch {
    return ''
  }
}
