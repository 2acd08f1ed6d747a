import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse, readJson } from '@askfolio/payload-retrieval'
import { randomBytes } from 'node:crypto'

import { getScope } from '../access/getPermissions'
import { resetPasswordUrl } from './publicUrl'
import { queueEmail } from './queueEmail'
import { readSiteName } from './readSiteName'
import { renderEmail } from './renderEmail'
import { addressProvenKey } from './trustCreatedUsers'
import { isEmailAddress } from './validateAddresses'

/** Hours an invitation link stays valid (INVITE_TOKEN_HOURS, default 72). */
export const inviteTokenHours = () => Number(process.env.INVITE_TOKEN_HOURS) || 72

async function inviteEmail(req: PayloadRequest, token: string, name: string) {
  const siteName = await readSiteName(req)
  const inviter = (req.user as { name?: string } | null)?.name
  return {
    ...renderEmail({
      action: { label: 'Set your password', url: resetPasswordUrl(req.payload, token) },
      intro: [
        `Hello ${name},`,
        `${inviter ? `${inviter} has` : 'You have been'} invited you to edit ${siteName}. Choose a password to sign in.`,
      ],
      outro: [`The link works once and expires in ${inviteTokenHours()} hours.`],
      siteName,
      title: `You are invited to ${siteName}`,
    }),
    subject: `You are invited to ${siteName}`,
  }
}

/**
 * POST /api/users/invite `{ email, name, roles? }`: for those allowed to create users. Creates the
 * account with a random password nobody knows and emails a one-time link (Payload's reset-password
 * token, valid INVITE_TOKEN_HOURS) where the person chooses their own. Answers 201 with the user.
 */
export const inviteUserEndpoint: Endpoint = {
  handler: async (req) => {
    if ((await getScope(req, 'users', 'create')) !== 'all')
      return errorResponse(req.user ? 403 : 401, 'You are not allowed to invite users.')
    const body = await readJson(req)
    if (body instanceof Response) return body
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : ''
    const name = typeof body.name === 'string' ? body.name.trim() : ''
    if (!isEmailAddress(email)) return errorResponse(400, 'Enter a valid email address, like name@example.com.')
    if (!name) return errorResponse(400, 'Give the person a name.')
    const roles = Array.isArray(body.roles) ? (body.roles as (number | string)[]) : undefined

    const existing = await req.payload.count({
      collection: 'users',
      overrideAccess: true,
      req,
      where: { email: { equals: email } },
    })
    if (existing.totalDocs > 0) return errorResponse(409, 'A user with this email address already exists.')

    // The emailed link proves the address, so no separate verification email.
    const user = await req.payload.create({
      collection: 'users',
      context: { [addressProvenKey]: true },
      data: { email, name, password: randomBytes(32).toString('base64url'), roles } as never,
      overrideAccess: false,
      req,
    })
    const token = randomBytes(20).toString('hex')
    await req.payload.update({
      id: user.id,
      collection: 'users',
      data: {
        resetPasswordExpiration: new Date(Date.now() + inviteTokenHours() * 3_600_000).toISOString(),
        resetPasswordToken: token,
      } as never,
      overrideAccess: true,
      req,
    })
    const message = await inviteEmail(req, token, name)
    await queueEmail(req.payload, { ...message, to: email }, req)
    return Response.json(
      { message: `Invitation sent to ${email}.`, user: { email: user.email, id: user.id, name: user.name } },
      { status: 201 },
    )
  },
  method: 'post',
  path: '/invite',
}
