import type { CollectionConfig } from 'payload'

import { signedIn } from '../access/signedIn'

export const Users: CollectionConfig = {
  slug: 'users',
  access: { create: signedIn, delete: signedIn, read: signedIn, update: signedIn },
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [],
}
