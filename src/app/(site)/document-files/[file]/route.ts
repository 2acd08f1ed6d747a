import config from '@payload-config'

import { serveDocumentFile } from '../../../../documents/serveDocumentFile'
import { getSitePayload } from '../../data/request'

export const dynamic = 'force-dynamic'

/** `/documents/<slug>.<ext>` is rewritten here (next.config.mjs): a published document's file, or 404. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  return serveDocumentFile(await getSitePayload(), config, request, (await params).file)
}
