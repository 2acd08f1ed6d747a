import type { Payload } from 'payload'

import type { ApiClient, Credential } from './client'

import { seed } from '../../src/seed/seed'

export const roleNames = ['admin', 'editor', 'author', 'viewer'] as const
export type RoleName = (typeof roleNames)[number]
export type ActorName = 'anonymous' | RoleName

export type Actor = { credential: Credential; email: string; id: number | null; name: ActorName }
export type Actors = Record<ActorName, Actor> & { otherAuthor: Actor }

export const password = 'correct horse battery staple'

/**
 * Loads the demo content (as `npm run seed` does) and signs in one user per seeded role, plus a
 * second author, through the real login endpoint. Returns their JWTs.
 */
export async function setupActors(payload: Payload, api: ApiClient): Promise<Actors> {
  await seed(payload, { adminEmail: 'seed-admin@example.com', adminPassword: password, quiet: true })
  const roles = await payload.find({ collection: 'roles', depth: 0, limit: 10, overrideAccess: true })
  const roleId = (name: RoleName) => roles.docs.find((role) => role.name === name)!.id

  const signIn = async (name: ActorName, role: RoleName, email: string): Promise<Actor> => {
    const user = await payload.create({
      collection: 'users',
      data: { email, name: `${name} user`, password, roles: [roleId(role)] },
      overrideAccess: true,
    })
    const login = await api.post('/api/users/login', { email, password })
    if (login.status !== 200) throw new Error(`login failed for ${email}: ${JSON.stringify(login.body)}`)
    return { credential: { token: login.body.token }, email, id: user.id, name }
  }

  const actors = { anonymous: { credential: null, email: '', id: null, name: 'anonymous' } } as Actors
  for (const role of roleNames) actors[role] = await signIn(role, role, `${role}@example.com`)
  actors.otherAuthor = await signIn('author', 'author', 'other-author@example.com')
  return actors
}
