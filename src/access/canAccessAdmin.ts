import type { PayloadRequest } from 'payload'

/** The admin panel is for active users who hold at least one role; visitors and bare accounts stay out. */
export const canAccessAdmin = ({ req }: { req: PayloadRequest }): boolean => {
  const user = req.user as { active?: boolean | null; roles?: unknown[] | null } | null
  return Boolean(user && user.active !== false && (user.roles?.length ?? 0) > 0)
}
