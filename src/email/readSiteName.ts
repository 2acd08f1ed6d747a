import type { PayloadRequest } from 'payload'

/** The site's name for emails: SITE_NAME, else the profile's name, else "askfolio". */
export async function readSiteName(req: PayloadRequest): Promise<string> {
  if (process.env.SITE_NAME) return process.env.SITE_NAME
  try {
    const profile = await req.payload.findGlobal({ slug: 'profile', depth: 0, overrideAccess: true, req })
    return (profile as { name?: string }).name || 'askfolio'
  } catch {
    return 'askfolio'
  }
}
