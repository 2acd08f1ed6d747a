import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'

import { safeRelativePath } from '../../data/previewAccess'

/** GET /preview/exit[?path=/…]: turns draft mode off and goes back to the live site. */
export async function GET(request: Request): Promise<Response> {
  const path = safeRelativePath(new URL(request.url).searchParams.get('path')) ?? '/'
  ;(await draftMode()).disable()
  redirect(path)
}
