import type { PayloadRequest } from 'payload'

import { resetPasswordUrl } from './publicUrl'
import { readSiteName } from './readSiteName'
import { renderEmail } from './renderEmail'

/** Minutes a password reset link stays valid (RESET_TOKEN_MINUTES, default 60). */
export const resetTokenMinutes = () => Number(process.env.RESET_TOKEN_MINUTES) || 60

export async function resetPasswordSubject({ req }: { req?: PayloadRequest } = {}): Promise<string> {
  return `Reset your password for ${req ? await readSiteName(req) : 'askfolio'}`
}

/** The forgot-password email (HTML; the outbox adds the plain-text version from it). */
export async function resetPasswordHtml({
  req,
  token,
}: { req?: PayloadRequest; token?: string } = {}): Promise<string> {
  if (!req || !token) throw new Error('resetPasswordHtml needs the request and the token')
  const siteName = await readSiteName(req)
  return renderEmail({
    action: { label: 'Choose a new password', url: resetPasswordUrl(req.payload, token) },
    intro: [`Someone asked to reset the password of your account on ${siteName}.`],
    outro: [
      `The link works once and expires in ${resetTokenMinutes()} minutes. If you did not ask for this, ignore this email: your password stays as it is.`,
    ],
    siteName,
    title: 'Reset your password',
  }).html
}
