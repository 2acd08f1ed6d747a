/**
 * What a role's permissions can name: every collection and global that editors work with, and the
 * actions a role may take on them. `publish` only means something for collections with drafts.
 * `chat` covers the chat's sessions and messages (read-only for everyone).
 */
export const resources = [
  'projects',
  'blog-posts',
  'faq',
  'documents',
  'skills',
  'media',
  'profile',
  'users',
  'roles',
  'audit-logs',
  'chat',
] as const

export const actions = ['read', 'create', 'update', 'delete', 'publish'] as const

/** `own` limits a grant to documents the user owns (projects' owner, blog posts' author). */
export const scopes = ['all', 'own'] as const

export type Resource = (typeof resources)[number]
export type Action = (typeof actions)[number]
export type Scope = (typeof scopes)[number]
