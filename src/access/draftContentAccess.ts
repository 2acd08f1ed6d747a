import type { CollectionConfig } from 'payload'

import type { Resource } from './resources'

import { canSave } from './canSave'
import { hasPermission } from './hasPermission'
import { publishedOrPermitted } from './publishedOrPermitted'

/**
 * Access for editorial content with drafts and trash (projects, blog posts): visitors read what is
 * published, roles grant the rest, `own` grants apply through the owner field, and publishing needs
 * its own grant.
 */
export const draftContentAccess = (resource: Resource, ownedBy: string): CollectionConfig['access'] => ({
  create: canSave(resource, 'create', { ownedBy }),
  delete: hasPermission(resource, 'delete', { ownedBy }),
  read: publishedOrPermitted(resource, { ownedBy }),
  readVersions: hasPermission(resource, 'read', { ownedBy: `version.${ownedBy}` }),
  update: canSave(resource, 'update', { ownedBy }),
})
