import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'

import config from '@payload-config'

import { authorizePreview, safeRelativePath } from '../data/previewAccess'
import { isPreviewCollection } from '../data/readOptions'

const refuse = (status: number, message: string) =>
  new Response(message, {
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
    status,
  })

/**
 * GET /preview?collection=blog-posts&slug=…&path=/blog/… (the admin's Preview button): for a signed-in
 * user who may read drafts of the collection, turns on Next's draft mode and goes to `path`, which
 * must be a path on this site.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams
  const collection = params.get('collection')
  const path = safeRelativePath(params.get('path'))
  if (!isPreviewCollection(collection)) return refuse(400, 'Unknown or missing collection.')
  if (!path) return refuse(400, 'The path must be a path on this site, starting with "/".')

  const payload = await getPayload({ config })
  const decision = await authorizePreview(payload, request.headers, collection)
  if (!decision.ok) return refuse(decision.status, decision.message)

  ;(await draftMode()).enable()
  redirect(path)
}
