import type { Endpoint, PayloadRequest } from 'payload'

import { errorResponse, readJson } from '@askfolio/payload-retrieval'

import { isAdmin } from '../access/isAdmin'
import { EraseRefused, erasePersonalData } from './erasePersonalData'
import { exportPersonalData } from './exportPersonalData'

/** Admins only: 401 without a user, 403 for anyone else. */
async function refuseUnlessAdmin(req: PayloadRequest): Promise<null | Response> {
  if (!req.user) return errorResponse(401, 'Sign in as an admin.')
  if (!(await isAdmin({ req }))) return errorResponse(403, 'Only admins may export or erase personal data.')
  return null
}

const userIdOf = (req: PayloadRequest) => String(req.routeParams?.id ?? '')

/** GET /api/users/:id/personal-data: everything stored about the user, as a JSON download (admins). */
export const exportPersonalDataEndpoint: Endpoint = {
  handler: async (req) => {
    const refused = await refuseUnlessAdmin(req)
    if (refused) return refused
    const data = await exportPersonalData(req, userIdOf(req))
    if (!data) return errorResponse(404, 'There is no such user.')
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="personal-data-user-${userIdOf(req)}.json"`,
        'Content-Type': 'application/json; charset=utf-8',
      },
    })
  },
  method: 'get',
  path: '/:id/personal-data',
}

/**
 * POST /api/users/:id/erase `{ confirm: "<their email>", reassignTo?: <user id> }` (admins): erases
 * the user (see erasePersonalData). 200 with what was done; 400, 403, 404 or 409, changing nothing.
 */
export const erasePersonalDataEndpoint: Endpoint = {
  handler: async (req) => {
    const refused = await refuseUnlessAdmin(req)
    if (refused) return refused
    const body = await readJson(req)
    if (body instanceof Response) return body
    try {
      const summary = await erasePersonalData(req, {
        confirm: body.confirm,
        reassignTo: body.reassignTo ?? undefined,
        userId: userIdOf(req),
      })
      return Response.json({ message: 'The user was erased.', ...summary })
    } catch (error) {
      if (error instanceof EraseRefused) return errorResponse(error.status, error.message)
      throw error
    }
  },
  method: 'post',
  path: '/:id/erase',
}
