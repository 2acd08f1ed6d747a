import type { PayloadRequest } from 'payload'

import { publicUrl } from './publicUrl'
import { readSiteName } from './readSiteName'
import { renderEmail } from './renderEmail'

/** The admin's page that confirms an address with a verification token. */
export const verifyUrl = (req: PayloadRequest, token: string) =>
  `${publicUrl(req.payload)}${req.payload.config.routes.admin}/users/verify/${token}`

export async function verifyEmailSubject({ req }: { req?: PayloadRequest } = {}): Promise<string> {
  return `Confirm your email address for ${req ? await readSiteName(req) : 'askfolio'}`
}

/** The email sent to a user an admin created with a password: confirm the address before signing in. */
export async function verifyEmailHtml({
  req,
  token,
  user,
}: { req?: PayloadRequest; token?: string; user?: { name?: string } } = {}): Promise<string> {
  if (!req || !token) throw new Error('verifyEmailHtml needs the request and the token')
  const siteName = await readSiteName(req)
  return renderEmail({
    action: { label: 'Confirm my address', url: verifyUrl(req, token) },
    intro: [
      `Hello ${user?.name || 'there'},`,
      `An account on ${siteName} was created for this address. Confirm it to sign in.`,
    ],
    outro: ['The link works once. If you did not expect this email, ignore it.'],
    siteName,
    title: 'Confirm your email address',
  }).html
}
