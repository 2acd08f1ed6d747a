import type { Config } from 'payload'

import { withGlobalAuditLog } from './attachAuditLog'

/**
 * Audits globals that a plugin adds after the app's own are configured (the chat's site-wide
 * suggested questions): editors change them in the admin, so they belong in the log too.
 */
export const auditPluginGlobals =
  (slugs: string[]) =>
  (config: Config): Config => ({
    ...config,
    globals: (config.globals ?? []).map((global) =>
      slugs.includes(global.slug) ? withGlobalAuditLog(global) : global,
    ),
  })
