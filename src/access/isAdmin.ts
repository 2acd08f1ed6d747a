import type { PayloadRequest } from 'payload'

import { hasRole } from './getPermissions'

/** Holds the admin role: for operations beyond any single collection's permissions (a full reindex). */
export const isAdmin = ({ req }: { req: PayloadRequest }): Promise<boolean> => hasRole(req, 'admin')
