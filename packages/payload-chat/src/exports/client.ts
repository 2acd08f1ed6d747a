'use client'
// The admin's client components, as a host's import map names them: '@askfolio/payload-chat/client#InsightsNavLink'.
export { InsightsNavLink } from '../admin/InsightsNavLink'
