import type { Action, Resource, Scope } from '../../access/resources'

import { actions, resources } from '../../access/resources'

type Grant = { actions: Action[]; resource: Resource; scope: Scope }
export type SeedRole = { description: string; name: string; permissions: Grant[] }

const content: Resource[] = ['projects', 'blog-posts', 'faq', 'documents', 'skills', 'media', 'profile']
const grant = (list: Resource[], acts: Action[], scope: Scope = 'all'): Grant[] =>
  list.map((resource) => ({ actions: acts, resource, scope }))

/** The four roles the app ships with. Admins may add more in the admin panel. */
export const roles: SeedRole[] = [
  {
    name: 'admin',
    description: 'Everything, including users, roles and the audit log.',
    permissions: grant([...resources], [...actions]),
  },
  {
    name: 'editor',
    description:
      'All content, including publishing, and the chat insights. No access to users, roles or the audit log.',
    permissions: [...grant(content, ['read', 'create', 'update', 'delete', 'publish']), ...grant(['chat'], ['read'])],
  },
  {
    name: 'author',
    description:
      'Writes and edits their own drafts of projects, blog posts, FAQ entries and documents. Cannot publish.',
    permissions: [
      ...grant(['projects', 'blog-posts', 'faq', 'documents'], ['read', 'create', 'update'], 'own'),
      ...grant(['media'], ['read', 'create']),
      ...grant(['skills', 'profile'], ['read']),
    ],
  },
  {
    name: 'viewer',
    description: 'Read-only access to the admin panel, drafts included.',
    permissions: grant(content, ['read']),
  },
]
