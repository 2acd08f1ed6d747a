import type { Payload, SanitizedConfig } from 'payload'

import { REST_GET } from '@payloadcms/next/routes'

import { documentExtension } from './documentFileTypes'

const notFound = () => new Response('Not found', { headers: { 'content-type': 'text/plain' }, status: 404 })

// Headers a download may carry on to Payload's file route: ranges (a PDF viewer asks for pages) and caching.
const passedOn = ['range', 'if-none-match', 'if-modified-since']

/**
 * Answers `/documents/<slug>.<ext>`: the file of the published document at `slug`, or 404 (a
 * draft, an unpublished or trashed document, another extension). The file itself comes from
 * Payload's own file route, asked as an anonymous visitor, so its read access, storage adapters and
 * byte ranges all apply; only the name a browser saves it under is ours.
 */
export async function serveDocumentFile(
  payload: Payload,
  config: Promise<SanitizedConfig>,
  request: Request,
  file: string,
): Promise<Response> {
  const match = /^([a-z0-9-]+)\.([a-z0-9]+)$/.exec(file)
  if (!match) return notFound()
  const [, slug, extension] = match
  const { docs } = await payload.find({
    collection: 'documents',
    depth: 0,
    draft: false,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    select: { filename: true },
    where: { and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }] },
  })
  const filename = docs[0]?.filename
  if (!filename || documentExtension(filename) !== extension) return notFound()

  const headers = new Headers()
  for (const name of passedOn) {
    const value = request.headers.get(name)
    if (value) headers.set(name, value)
  }
  const url = new URL(`/api/documents/file/${encodeURIComponent(filename)}`, request.url)
  const response = await REST_GET(config)(new Request(url, { headers }), {
    params: Promise.resolve({ slug: ['documents', 'file', filename] }),
  })
  if (response.status === 403 || response.status === 404) return notFound()
  const answer = new Response(response.body, response)
  answer.headers.set('content-disposition', `inline; filename="${slug}.${extension}"`)
  return answer
}
