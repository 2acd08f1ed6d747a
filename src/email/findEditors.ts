import type { PayloadRequest } from 'payload'

type Grant = { actions?: null | string[]; resource: string; scope?: null | string }
type RoleLike = { permissions?: Grant[] | null }

// Scope `own` reads no chat (visitors' conversations have no owner), so it gets no digest either.
const readsAllChat = (grant: Grant) =>
  grant.resource === 'chat' && Boolean(grant.actions?.includes('read')) && grant.scope !== 'own'
const readsChat = (role: unknown) =>
  typeof role === 'object' && role !== null && ((role as RoleLike).permissions ?? []).some(readsAllChat)

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
  return docs
    .filter((user) => (user.roles ?? []).some(readsChat))
    .map((user) => ({ email: user.email, name: user.name }))
}
