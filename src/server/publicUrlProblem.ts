/**
 * PUBLIC_URL, checked: in production it is required, because links shown to visitors and editors
 * (citations, emails) must not be built from a request's Host header, which the client chooses.
 * Returns a one-line reason to refuse to start, or null.
 */
export function publicUrlProblem(production: boolean, value = process.env.PUBLIC_URL): null | string {
  if (!value)
    return production
      ? 'PUBLIC_URL must be set in production: the address people reach the site at, such as https://portfolio.example.com'
      : null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `PUBLIC_URL must be an http(s) address, not "${value}"`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `PUBLIC_URL must be an http(s) address, not "${value}"`
  return null
}
