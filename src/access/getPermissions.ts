import type { PayloadRequest, TypedUser } from 'payload'

import type { Action, Resource, Scope } from './resources'

type RoleLike = {
  name?: string
  permissions?: { actions?: null | string[]; resource: string; scope?: null | string }[] | null
}
type PermissionSet = ReadonlyMap<string, Scope> & { roleNames?: ReadonlySet<string> }

const none: PermissionSet = Object.assign(new Map<string, Scope>(), { roleNames: new Set<string>() })
// Keyed by the user object Payload binds to one request, so permissions are loaded once per request.
const cache = new WeakMap<object, Promise<PermissionSet>>()

const isRole = (value: unknown): value is RoleLike => typeof value === 'object' && value !== null

async function loadPermissions(req: PayloadRequest, user: TypedUser): Promise<PermissionSet> {
  const refs = ((user as { roles?: unknown[] }).roles ?? []) as unknown[]
  const roles: RoleLike[] = refs.filter(isRole)
  const ids = refs.filter((ref): ref is number | string => !isRole(ref))
  if (ids.length > 0) {
    // Passing req keeps this read inside the request's transaction (see docs/architecture.md).
    const found = await req.payload.find({
      collection: 'roles',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
      where: { id: { in: ids } },
    })
    roles.push(...(found.docs as RoleLike[]))
  }
  const granted: Map<string, Scope> & { roleNames?: Set<string> } = new Map()
  granted.roleNames = new Set(roles.map((role) => role.name).filter((name): name is string => Boolean(name)))
  for (const role of roles) {
    for (const permission of role.permissions ?? []) {
      const scope: Scope = permission.scope === 'own' ? 'own' : 'all'
      for (const action of permission.actions ?? []) {
        const key = `${permission.resource}:${action}`
        if (granted.get(key) !== 'all') granted.set(key, scope)
      }
    }
  }
  return granted
}

/** The permissions of the signed-in user (through JWT or API key), from all of their roles. */
export function getPermissions(req: PayloadRequest): Promise<PermissionSet> {
  const user = req.user
  if (!user || user.collection !== 'users' || (user as { active?: boolean | null }).active === false) {
    return Promise.resolve(none)
  }
  let permissions = cache.get(user)
  if (!permissions) {
    permissions = loadPermissions(req, user)
    cache.set(user, permissions)
  }
  return permissions
}

/** How far the user may take `action` on `resource`: everywhere, only on their own documents, or not. */
export async function getScope(req: PayloadRequest, resource: Resource, action: Action): Promise<null | Scope> {
  return (await getPermissions(req)).get(`${resource}:${action}`) ?? null
}

/** True when the signed-in user holds the role with this name. */
export async function hasRole(req: PayloadRequest, name: string): Promise<boolean> {
  return (await getPermissions(req)).roleNames?.has(name) ?? false
}
