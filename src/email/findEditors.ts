import type { PayloadRequest } from 'payload'

type RoleLike = { permissions?: { actions?: null | string[]; resource: string }[] | null }

const readsChat = (role: unknown) =>
  typeof role === 'object' && role !== null && ((role as RoleLike).permissions ?? []).some((grant) => grant.resource === 'chat' && grant.actions?.includes('read'))

/** Active, verified users with a role that may read the chat: who gets the editors' digest. */
export async function findEditors(req: PayloadRequest): Promise<{ email: string; name: string }[]> {
  const { docs } = await req.payload.find({
    collection: 'users',
    depth: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ active: { not_equals: false } }, { _verified: { not_equals: false } }] },
  })
  return docs.filter((user) => (user.roles ?? []).some(readsChat)).map((user) => ({ email: user.email, name: user.name }))
}
